// The Python module `placematch` (pybind11): a thin layer over the public C++ API.
// snake_case names, enums as enums, candidate pairs and scores as numpy arrays, input
// errors raised as placematch.InputError carrying the located messages. Long calls
// (loading, candidates, matching) release the GIL, so threads (e.g. Dask workers) run
// them in parallel.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/io/files.hpp"
#include "placematch/io/previous.hpp"
#include "placematch/io/whatif_files.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"
#include "placematch/planner/snapshot.hpp"
#include "placematch/planner/whatif.hpp"
#include "placematch/report/whatif_report.hpp"
#include "placematch/rules/decisions.hpp"
#include "placematch/report/report.hpp"
#include "placematch/rules/validate.hpp"
#include "placematch/synth/generate.hpp"
#include "placematch/version.hpp"

namespace py = pybind11;
using namespace placematch;

namespace {

std::string ids_error(const char* what, py::ssize_t i, std::size_t n);

py::object& input_error_type() {
  static py::object type;  // set in the module init
  return type;
}

[[noreturn]] void raise_input_error(const Diagnostics& errors) {
  throw InputError(errors);
}

// A shared, immutable instance: results and graphs keep it alive (no dangling ids).
struct PyInstance {
  std::shared_ptr<const Instance> in;
};

std::shared_ptr<const Instance> checked(LoadResult r) {
  if (!r.ok()) raise_input_error(r.errors);
  Diagnostics more = validate(*r.instance);  // the pins' checks, as the command line
  if (!more.empty()) raise_input_error(more);
  return std::make_shared<const Instance>(std::move(*r.instance));
}

template <class T>
py::array_t<T> to_numpy(const std::vector<T>& v) {
  py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
  std::copy(v.begin(), v.end(), a.mutable_data());
  return a;
}

struct PyCandidates {
  std::shared_ptr<const Instance> in;
  CandidateGraph graph;
};

struct PyResult {
  std::shared_ptr<const Instance> in;
  MatchResult r;
  std::optional<Replan> replan;  // set for a re-plan: `previous` and `changes` (section 7)
};

// A warm Planner and the instance it plans now (pin/forbid/unpin replace it). Calls run
// without the GIL, one at a time (a Planner is not thread-safe).
struct PyPlanner {
  std::unique_ptr<Planner> planner;
  std::unique_ptr<std::mutex> lock = std::make_unique<std::mutex>();
  std::shared_ptr<const Instance> in() const { return planner->shared_instance(); }
};

MatchOptions match_options(Objective objective, std::optional<double> time_limit, std::optional<std::int64_t> work_limit,
                           int threads) {
  if (threads < 0) throw py::value_error("threads must be >= 0");
  if (time_limit && !(*time_limit > 0)) throw py::value_error("time_limit must be > 0");
  if (work_limit && *work_limit < 0) throw py::value_error("work_limit must be >= 0");
  MatchOptions o;
  o.solve.objective = objective;
  if (time_limit) o.solve.time_limit_seconds = *time_limit;
  if (work_limit) o.solve.work_limit = *work_limit;
  o.solve.threads = threads;
  return o;
}

// A citizen or opening given as its id (str) or its index (int); the error names it.
Index element(const py::handle& x, const std::unordered_map<std::string, Index>& index, std::size_t n,
              const char* what) {
  if (py::isinstance<py::str>(x)) {
    const std::string id = x.cast<std::string>();
    const auto it = index.find(id);
    if (it == index.end()) throw py::key_error(std::string("no ") + what + " \"" + id + "\" in this instance");
    return it->second;
  }
  if (py::isinstance<py::int_>(x) && !py::isinstance<py::bool_>(x)) {
    const auto i = x.cast<long long>();
    if (i < 0 || static_cast<std::size_t>(i) >= n)
      throw py::index_error(ids_error(what, static_cast<py::ssize_t>(i), n));
    return static_cast<Index>(i);
  }
  throw py::type_error(std::string(what) + ": expected an id (str) or an index (int)");
}

// A decision on the pair (citizen, opening) — `act(planner, c, o)` is the Planner's pin,
// forbid or unpin — and its re-plan as a Result: ids or indices checked (misuse names the
// element), the Planner locked, the GIL released while it re-plans.
template <class Act>
PyResult decide(PyPlanner& p, const py::object& citizen, const py::object& opening, Act&& act) {
  std::lock_guard<std::mutex> hold(*p.lock);
  const Instance& in = p.planner->instance();
  const Index c = element(citizen, in.citizen_index, in.citizens.size(), "citizen");
  const Index o = element(opening, in.opening_index, in.openings.size(), "opening");
  PyResult r{nullptr, {}, std::nullopt};
  {
    py::gil_scoped_release unlocked;
    r.replan = act(*p.planner, c, o);
  }
  r.in = p.in();
  r.r.plan = r.replan->plan;
  r.r.stats = p.planner->plan().stats;
  return r;
}

py::object parse_json(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

PreviousPlan previous_of(const py::handle& x) {
  PreviousPlan p;
  p.source = "previous";
  if (py::isinstance<PyResult>(x)) {
    const PyResult& r = x.cast<const PyResult&>();
    return as_previous(*r.in, r.r.plan);
  }
  if (py::isinstance<py::str>(x)) return parse_previous_plan(x.cast<std::string>(), "previous");  // a result JSON
  for (const py::handle& row : x.cast<py::list>()) {
    const py::dict d = row.cast<py::dict>();
    PreviousPlan::Entry e;
    e.citizen = d["citizen"].cast<std::string>();
    e.opening = d["opening"].cast<std::string>();
    if (d.contains("mentor") && !d["mentor"].is_none()) e.mentor = d["mentor"].cast<std::string>();
    p.placements.push_back(std::move(e));
  }
  return p;
}

Snapshot snapshot_of(const py::handle& x) {
  if (py::isinstance<py::bytes>(x)) return parse_snapshot(x.cast<std::string>(), "snapshot");
  return read_snapshot(x.cast<std::string>());  // a path
}

std::string ids_error(const char* what, py::ssize_t i, std::size_t n) {
  return std::string(what) + " index " + std::to_string(i) + " out of range [0, " + std::to_string(n) + ")";
}

}  // namespace

PYBIND11_MODULE(placematch, m) {
  m.doc() = "placematch: optimal, explained placement of job-centre residents in a local company network";
  m.attr("__version__") = kVersion;

  // placematch.InputError(ValueError): .errors is the list of located messages.
  input_error_type() = py::reinterpret_steal<py::object>(
      PyErr_NewException("placematch.InputError", PyExc_ValueError, nullptr));
  m.attr("InputError") = input_error_type();
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      py::list errors;
      std::string text;
      for (const Diagnostic& d : e.errors()) {
        errors.append(d.str());
        text += (text.empty() ? "" : "\n") + d.str();
      }
      py::object exc = input_error_type()(text);
      exc.attr("errors") = errors;
      PyErr_SetObject(input_error_type().ptr(), exc.ptr());
    }
  });

  py::enum_<Objective>(m, "Objective", "What the plan maximises")
      .value("PLACEMENTS", Objective::Placements, "most placements, then the highest total score")
      .value("SCORE", Objective::Score, "the highest total score");
  py::enum_<Status>(m, "Status")
      .value("NOT_SOLVED", Status::NotSolved)
      .value("OPTIMAL", Status::Optimal)
      .value("FEASIBLE", Status::Feasible)
      .value("INFEASIBLE", Status::Infeasible)
      .value("BAD_COST_RANGE", Status::BadCostRange);
  py::enum_<OpeningKind>(m, "OpeningKind")
      .value("INTERNSHIP", OpeningKind::Internship)
      .value("SMALL_JOB", OpeningKind::SmallJob)
      .value("WAGE_SUBSIDY", OpeningKind::WageSubsidy)
      .value("ORDINARY", OpeningKind::Ordinary)
      .value("LEISURE_JOB", OpeningKind::LeisureJob);

  py::class_<PyInstance>(m, "Instance", "A validated instance (immutable)")
      .def_static(
          "from_dict",
          [](const py::dict& data) {
            // The same records as instance.json (keys = the contract's column names);
            // checked by the loaders, located as "instance.json:citizens[3]".
            const std::string text = py::module_::import("json").attr("dumps")(data).cast<std::string>();
            py::gil_scoped_release unlocked;
            return PyInstance{checked(load_instance_json_text(text))};
          },
          py::arg("data"),
          "Builds an instance from a dict of lists of records, as in instance.json; raises InputError")
      .def_static(
          "from_json",
          [](const std::string& text) {
            py::gil_scoped_release unlocked;
            return PyInstance{checked(load_instance_json_text(text))};
          },
          py::arg("text"), "Builds an instance from instance.json's text; raises InputError")
      .def_property_readonly("num_citizens", [](const PyInstance& s) { return s.in->citizens.size(); })
      .def_property_readonly("num_openings", [](const PyInstance& s) { return s.in->openings.size(); })
      .def_property_readonly("num_companies", [](const PyInstance& s) { return s.in->companies.size(); })
      .def_property_readonly("citizen_ids", [](const PyInstance& s) {
        std::vector<std::string> ids;
        for (const auto& c : s.in->citizens) ids.push_back(c.id);
        return ids;
      })
      .def_property_readonly("opening_ids", [](const PyInstance& s) {
        std::vector<std::string> ids;
        for (const auto& o : s.in->openings) ids.push_back(o.id);
        return ids;
      })
      .def("opening_kind", [](const PyInstance& s, py::ssize_t i) {
        if (i < 0 || static_cast<std::size_t>(i) >= s.in->openings.size())
          throw py::index_error(ids_error("opening", i, s.in->openings.size()));
        return s.in->openings[static_cast<std::size_t>(i)].kind;
      }, py::arg("opening"))
      .def("summary", [](const PyInstance& s) { return instance_summary(*s.in); })
      .def("to_json", [](const PyInstance& s) { return instance_json_text(*s.in); },
           "The instance as instance.json text (Instance.from_json reads it back)")
      .def("__repr__", [](const PyInstance& s) {
        return "<placematch.Instance citizens=" + std::to_string(s.in->citizens.size()) +
               " openings=" + std::to_string(s.in->openings.size()) + ">";
      });

  m.def(
      "load",
      [](const std::string& path) {
        py::gil_scoped_release unlocked;
        return PyInstance{checked(load_instance(path))};
      },
      py::arg("path"),
      "Reads and checks an instance (CSV folder or instance.json), pins included; raises InputError "
      "carrying every located message (the command line's)");

  m.def(
      "generate",
      [](std::int64_t citizens, std::int64_t openings, std::uint64_t seed, bool mentor_heavy) {
        GenerateOptions o;
        o.citizens = citizens;
        o.openings = openings;
        o.seed = seed;
        o.mentor_heavy = mentor_heavy;
        py::gil_scoped_release unlocked;
        Instance in = generate_instance(o);  // std::invalid_argument -> ValueError
        Diagnostics errors = validate(in);
        if (!errors.empty()) raise_input_error(errors);
        return PyInstance{std::make_shared<const Instance>(std::move(in))};
      },
      py::arg("citizens") = 2000, py::arg("openings") = 600, py::arg("seed") = 1, py::arg("mentor_heavy") = false,
      "A synthetic municipality (the `placematch generate` generator), deterministic in its arguments");

  m.def(
      "validate",
      [](const PyInstance& s) {
        std::vector<std::string> out;
        for (const Diagnostic& d : validate(*s.in)) out.push_back(d.str());
        return out;
      },
      py::arg("instance"), "The instance's located input errors (empty for a loaded instance)");

  py::class_<PyCandidates>(m, "Candidates", "The feasible (citizen, opening) pairs and their scores")
      .def_property_readonly("num_pairs", [](const PyCandidates& g) { return g.graph.size(); })
      .def_property_readonly("citizen", [](const PyCandidates& g) {
        std::vector<std::int32_t> c(g.graph.size());
        for (std::size_t i = 0; i + 1 < g.graph.offsets.size(); ++i)
          for (auto e = g.graph.offsets[i]; e < g.graph.offsets[i + 1]; ++e) c[static_cast<std::size_t>(e)] = static_cast<std::int32_t>(i);
        return to_numpy(c);
      }, "per pair: the citizen's index (numpy int32)")
      .def_property_readonly("opening", [](const PyCandidates& g) { return to_numpy(g.graph.opening); },
                             "per pair: the opening's index (numpy int32)")
      .def_property_readonly("score", [](const PyCandidates& g) {
        std::vector<double> s(g.graph.score.begin(), g.graph.score.end());
        for (double& x : s) x /= 1e6;
        return to_numpy(s);
      }, "per pair: the score in [0, 1] (numpy float64)")
      .def_property_readonly("score_millionths", [](const PyCandidates& g) { return to_numpy(g.graph.score); },
                             "per pair: the exact score in millionths (numpy int32)")
      .def_property_readonly("km", [](const PyCandidates& g) { return to_numpy(g.graph.km); })
      .def_property_readonly("needs_mentor", [](const PyCandidates& g) {
        std::vector<bool> b(g.graph.needs_mentor.begin(), g.graph.needs_mentor.end());
        py::array_t<bool> a(static_cast<py::ssize_t>(b.size()));
        for (std::size_t i = 0; i < b.size(); ++i) a.mutable_data()[i] = b[i];
        return a;
      })
      .def_property_readonly("offsets", [](const PyCandidates& g) { return to_numpy(g.graph.offsets); },
                             "CSR offsets by citizen (numpy int64, num_citizens + 1)");

  m.def(
      "candidates",
      [](const PyInstance& s, int threads) {
        if (threads < 0) throw py::value_error("threads must be >= 0");
        py::gil_scoped_release unlocked;
        CandidateOptions o;
        o.threads = threads;
        return PyCandidates{s.in, build_candidates(*s.in, o)};
      },
      py::arg("instance"), py::arg("threads") = 0, "The candidate pairs of an instance");

  py::class_<PyResult>(m, "Result", "An optimal (or feasible, with its proven bound) plan")
      .def_property_readonly("status", [](const PyResult& r) { return r.r.plan.status; })
      .def_property_readonly("optimal", [](const PyResult& r) { return r.r.plan.status == Status::Optimal; })
      .def_property_readonly("objective", [](const PyResult& r) { return r.r.plan.objective; })
      .def_property_readonly("placed", [](const PyResult& r) { return r.r.plan.placed; })
      .def_property_readonly("score", [](const PyResult& r) { return static_cast<double>(r.r.plan.score) / 1e6; })
      .def_property_readonly("score_millionths", [](const PyResult& r) { return r.r.plan.score; })
      .def_property_readonly("bound_placed", [](const PyResult& r) { return r.r.plan.bound_placed; })
      .def_property_readonly("bound_score_millionths", [](const PyResult& r) { return r.r.plan.bound_score; })
      .def_property_readonly("placements", [](const PyResult& r) {
        py::list out;
        const Instance& in = *r.in;
        for (const Placement& p : r.r.plan.placements) {
          const Opening& o = in.openings[static_cast<std::size_t>(p.opening)];
          py::dict d;
          d["citizen"] = in.citizens[static_cast<std::size_t>(p.citizen)].id;
          d["opening"] = o.id;
          d["company"] = in.companies[static_cast<std::size_t>(o.company)].id;
          d["mentor"] = p.mentor == kNone ? py::object(py::none()) : py::object(py::str(in.mentors[static_cast<std::size_t>(p.mentor)].id));
          d["score"] = static_cast<double>(p.score) / 1e6;
          d["km"] = p.km;
          d["hours"] = p.hours;
          out.append(d);
        }
        return out;
      }, "list of dicts: citizen, opening, company, mentor (or None), score, km, hours")
      .def_property_readonly("unplaced", [](const PyResult& r) {
        py::list out;
        for (const Unplaced& u : r.r.plan.unplaced) {
          py::dict d;
          d["citizen"] = r.in->citizens[static_cast<std::size_t>(u.citizen)].id;
          d["reason_code"] = std::string(to_string(u.reason_code));
          d["reason"] = u.reason;
          out.append(d);
        }
        return out;
      })
      .def_property_readonly("citizen_opening", [](const PyResult& r) {
        std::vector<std::int32_t> choice(r.in->citizens.size(), -1);
        for (const Placement& p : r.r.plan.placements) choice[static_cast<std::size_t>(p.citizen)] = p.opening;
        return to_numpy(choice);
      }, "per citizen: the opening's index, or -1 (numpy int32)")
      .def("to_json", [](const PyResult& r) {
        return result_json(*r.in, r.r.plan, r.r.stats, r.replan ? &*r.replan : nullptr);
      }, "The result JSON of the command line (placematch-result/2; a re-plan adds previous and changes)")
      .def("to_dict", [](const PyResult& r) {
        return parse_json(result_json(*r.in, r.r.plan, r.r.stats, r.replan ? &*r.replan : nullptr));
      }, "to_json() as a dict")
      .def_property_readonly("previous", [](const PyResult& r) -> py::object {
        if (!r.replan) return py::none();
        py::dict d;
        d["placements"] = r.replan->previous.placements;
        d["kept"] = r.replan->previous.kept;
        d["still_feasible"] = r.replan->previous.still_feasible;
        return d;
      }, "for a re-plan: {placements, kept, still_feasible} (contract section 7); else None")
      .def_property_readonly("changes", [](const PyResult& r) {
        py::list out;
        if (r.replan)
          for (const PlanChange& c : r.replan->changes) {
            py::dict d;
            d["citizen"] = c.citizen_id;
            d["before"] = c.before ? py::object(py::str(*c.before)) : py::object(py::none());
            d["after"] = c.after ? py::object(py::str(*c.after)) : py::object(py::none());
            d["change"] = std::string(to_string(c.kind));
            out.append(d);
          }
        return out;
      }, "for a re-plan: every citizen whose placement differs from the earlier plan")
      .def("plan_csv", [](const PyResult& r) { return plan_csv(*r.in, r.r.plan); });

  py::class_<PyPlanner>(m, "Planner",
                        "The warm planner of one instance: plan, re-plan, suggest, why, snapshots. It keeps the "
                        "solved state between questions; pin/forbid/unpin change its decisions and re-plan.")
      .def(py::init([](const PyInstance& s, Objective objective, std::optional<double> time_limit,
                       std::optional<std::int64_t> work_limit, int threads) {
             const MatchOptions o = match_options(objective, time_limit, work_limit, threads);
             PyPlanner p;
             py::gil_scoped_release unlocked;
             p.planner = std::make_unique<Planner>(s.in, o);
             return p;
           }),
           py::arg("instance"), py::arg("objective") = Objective::Placements, py::arg("time_limit") = py::none(),
           py::arg("work_limit") = py::none(), py::arg("threads") = 0)
      .def_static(
          "from_snapshot",
          [](const py::object& snapshot, Objective objective, std::optional<double> time_limit,
             std::optional<std::int64_t> work_limit, int threads) {
            const MatchOptions o = match_options(objective, time_limit, work_limit, threads);
            Snapshot snap = snapshot_of(snapshot);
            PyPlanner p;
            py::gil_scoped_release unlocked;
            p.planner = std::make_unique<Planner>(std::make_shared<const Instance>(snapshot_instance(snap)), o);
            p.planner->warm_start(snap);
            return p;
          },
          py::arg("snapshot"), py::arg("objective") = Objective::Placements, py::arg("time_limit") = py::none(),
          py::arg("work_limit") = py::none(), py::arg("threads") = 0,
          "A planner on a snapshot's instance (bytes, or a file's path), started warm from it; raises InputError "
          "for a truncated, corrupted, foreign or newer snapshot")
      .def_property_readonly("instance", [](const PyPlanner& p) { return PyInstance{p.in()}; },
                             "the instance as planned now (with the decisions changed since)")
      .def("plan", [](PyPlanner& p) {
        std::lock_guard<std::mutex> hold(*p.lock);
        PyResult r{p.in(), {}, std::nullopt};
        py::gil_scoped_release unlocked;
        r.r = p.planner->plan();
        return r;
      }, "The plan P: what match() returns (raises InputError when the pins cannot all hold)")
      .def("prepare_questions", [](PyPlanner& p) {
        std::lock_guard<std::mutex> hold(*p.lock);
        py::gil_scoped_release unlocked;
        p.planner->prepare_questions();
      }, "Readies the warm state for suggest() and why() (the plan, its certificate, the re-planning solve) so "
         "that no question pays for it; optional, the answers are the same")
      .def("replan", [](PyPlanner& p, const py::object& previous) {
        PreviousPlan before = previous_of(previous);
        std::lock_guard<std::mutex> hold(*p.lock);
        PyResult r{p.in(), {}, std::nullopt};
        py::gil_scoped_release unlocked;
        r.replan = p.planner->replan(before);
        r.r.plan = r.replan->plan;
        r.r.stats = p.planner->plan().stats;
        return r;
      }, py::arg("previous"),
           "Section 7: the plan that keeps most of an earlier plan (a Result, a result JSON text, or a list of "
           "{citizen, opening[, mentor]} dicts); .previous and .changes say what changed")
      .def("pin", [](PyPlanner& p, const py::object& citizen, const py::object& opening, const py::object& mentor) {
        Index mt = kNone;
        if (!mentor.is_none()) {
          std::lock_guard<std::mutex> hold(*p.lock);
          const Instance& in = p.planner->instance();
          mt = element(mentor, in.mentor_index, in.mentors.size(), "mentor");
        }
        return decide(p, citizen, opening, [mt](Planner& pl, Index c, Index o) { return pl.pin(c, o, mt); });
      }, py::arg("citizen"), py::arg("opening"), py::arg("mentor") = py::none(),
           "Pins the pair (checked like decisions.csv: InputError when it cannot hold) and re-plans against the "
           "current plan; the re-plan becomes the plan")
      .def("forbid", [](PyPlanner& p, const py::object& citizen, const py::object& opening) {
        return decide(p, citizen, opening, [](Planner& pl, Index c, Index o) { return pl.forbid(c, o); });
      }, py::arg("citizen"), py::arg("opening"), "Forbids the pair and re-plans against the current plan")
      .def("unpin", [](PyPlanner& p, const py::object& citizen, const py::object& opening) {
        return decide(p, citizen, opening, [](Planner& pl, Index c, Index o) { return pl.unpin(c, o); });
      }, py::arg("citizen"), py::arg("opening"), "Removes the pair's pin or forbid and re-plans")
      .def("suggest", [](PyPlanner& p, const py::object& opening, const py::object& citizen, std::size_t top) {
        if (opening.is_none() == citizen.is_none()) throw py::value_error("give exactly one of opening= and citizen=");
        std::lock_guard<std::mutex> hold(*p.lock);
        const Instance& in = p.planner->instance();
        std::optional<Index> o, c;
        if (!opening.is_none()) o = element(opening, in.opening_index, in.openings.size(), "opening");
        if (!citizen.is_none()) c = element(citizen, in.citizen_index, in.citizens.size(), "citizen");
        std::string text;
        {
          py::gil_scoped_release unlocked;
          const std::vector<Suggestion> list = o ? p.planner->suggest_for_opening(*o, top) : p.planner->suggest_for_citizen(*c, top);
          text = suggest_json(in, p.planner->graph(), p.planner->plan().plan, o, c, list, p.planner->options().weights);
        }
        return parse_json(text);
      }, py::arg("opening") = py::none(), py::arg("citizen") = py::none(), py::arg("top") = 10,
           "Section 8: the feasible pairs of an opening (or a citizen), each with its exact cost to the plan; the "
           "suggest JSON (placematch-suggest/1) as a dict. top=0: all")
      .def("why", [](PyPlanner& p, const py::object& citizen, const py::object& opening) {
        std::lock_guard<std::mutex> hold(*p.lock);
        const Instance& in = p.planner->instance();
        const Index c = element(citizen, in.citizen_index, in.citizens.size(), "citizen");
        std::optional<Index> o;
        if (!opening.is_none()) o = element(opening, in.opening_index, in.openings.size(), "opening");
        std::string text;
        {
          py::gil_scoped_release unlocked;
          const Why w = p.planner->why(c, o);
          text = why_json(in, p.planner->graph(), w, p.planner->options().weights);
        }
        return parse_json(text);
      }, py::arg("citizen"), py::arg("opening") = py::none(),
           "Section 9: why the citizen has what the plan gives (placematch-why/1 as a dict)")
      .def("snapshot", [](PyPlanner& p) {
        std::lock_guard<std::mutex> hold(*p.lock);
        std::string bytes;
        {
          py::gil_scoped_release unlocked;
          bytes = snapshot_bytes(p.planner->snapshot());
        }
        return py::bytes(bytes);
      }, "The instance, plan and solver state as a snapshot (bytes; placematch/planner/snapshot.hpp)")
      .def("save", [](PyPlanner& p, const std::string& path) {
        std::lock_guard<std::mutex> hold(*p.lock);
        py::gil_scoped_release unlocked;
        save_snapshot(p.planner->snapshot(), path);
      }, py::arg("path"), "Writes the snapshot to a file atomically (temporary file, fsync, rename)")
      .def("warm_start", [](PyPlanner& p, const py::object& snapshot) {
        Snapshot snap = snapshot_of(snapshot);
        std::lock_guard<std::mutex> hold(*p.lock);
        p.planner->warm_start(snap);
      }, py::arg("snapshot"),
           "Starts the next plan from a snapshot (bytes or a path), possibly of another version of the instance: "
           "the same value and status as a cold plan");

  m.def(
      "whatif",
      [](const PyInstance& s, std::optional<int> seats, std::optional<double> target, const std::string& courses,
         double budget, std::optional<Index> first_proposed, Objective objective, std::optional<double> time_limit,
         int threads) {
        if (seats && *seats < 0) throw py::value_error("seats must be >= 0");
        if (first_proposed && (*first_proposed < 0 || static_cast<std::size_t>(*first_proposed) > s.in->openings.size()))
          throw py::index_error("first_proposed " + std::to_string(*first_proposed) + " out of range [0, " +
                                std::to_string(s.in->openings.size()) + "]");
        if (target && !(*target >= 0 && *target <= 1)) throw py::value_error("target must be in [0, 1]");
        if (!(budget >= 0)) throw py::value_error("budget must be >= 0");
        if (threads < 0) throw py::value_error("threads must be >= 0");
        WhatIfRequest req;
        req.options.objective = objective;
        if (time_limit) req.options.time_limit_seconds = *time_limit;
        req.options.threads = threads;
        req.seats = seats;
        req.target = target;
        if (first_proposed) req.first_proposed = *first_proposed;
        std::string text;
        {
          py::gil_scoped_release unlocked;
          if (!courses.empty()) {
            CoursesLoad c = load_courses(courses, *s.in);
            if (!c.ok()) throw InputError(std::move(c.errors));
            req.courses = std::move(c.courses);
            req.budget = budget;
          }
          const WhatIfResult r = whatif(*s.in, req);
          text = whatif_json(*s.in, r, req.courses);
        }
        return parse_json(text);
      },
      py::arg("instance"), py::arg("seats") = py::none(), py::arg("target") = py::none(), py::arg("courses") = "",
      py::arg("budget") = 0.0, py::arg("first_proposed") = py::none(), py::arg("objective") = Objective::Placements,
      py::arg("time_limit") = py::none(), py::arg("threads") = 1,
      "Section 10: today's optimum, the ceiling, seat steps (seats= and/or target=), proposed openings "
      "(first_proposed=: instance.openings from that index on are proposals, each added alone; see "
      "load_with_openings) and course steps (a courses.csv path and budget=), each the exact optimum of the "
      "changed instance; the what-if JSON as a dict");

  m.def(
      "load_with_openings",
      [](const std::string& path, const std::string& openings_file) {
        ExtendedLoad ext;
        {
          py::gil_scoped_release unlocked;
          ext = load_instance_with_openings(path, openings_file);
        }
        return py::make_tuple(PyInstance{checked(std::move(ext.load))}, ext.first_proposed);
      },
      py::arg("path"), py::arg("openings_file"),
      "An instance with the proposed openings of `openings_file` (openings.csv columns) appended: "
      "(instance, first_proposed) for whatif(first_proposed=); raises InputError with located messages");

  m.def(
      "match",
      [](const PyInstance& s, Objective objective, std::optional<double> time_limit,
         std::optional<std::int64_t> work_limit, int threads) {
        const MatchOptions o = match_options(objective, time_limit, work_limit, threads);
        PyResult r{s.in, {}, std::nullopt};
        {
          py::gil_scoped_release unlocked;
          r.r = match(*s.in, o);
        }
        return r;
      },
      py::arg("instance"), py::arg("objective") = Objective::Placements, py::arg("time_limit") = py::none(),
      py::arg("work_limit") = py::none(), py::arg("threads") = 0,
      "The optimal plan of a validated instance (the same plan for any thread count)");
}
