// The Python module `placematch` (pybind11): a thin layer over the public C++ API.
// snake_case names, enums as enums, candidate pairs and scores as numpy arrays, input
// errors raised as placematch.InputError carrying the located messages. Long calls
// (loading, candidates, matching) release the GIL, so threads (e.g. Dask workers) run
// them in parallel.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "placematch/candidates/candidates.hpp"
#include "placematch/io/files.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/report/report.hpp"
#include "placematch/rules/validate.hpp"
#include "placematch/synth/generate.hpp"
#include "placematch/version.hpp"

namespace py = pybind11;
using namespace placematch;

namespace {

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
};

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
        return result_json(*r.in, r.r.plan, r.r.stats);
      }, "The result JSON of the command line (placematch-result/2)")
      .def("plan_csv", [](const PyResult& r) { return plan_csv(*r.in, r.r.plan); });

  m.def(
      "match",
      [](const PyInstance& s, Objective objective, std::optional<double> time_limit,
         std::optional<std::int64_t> work_limit, int threads) {
        if (threads < 0) throw py::value_error("threads must be >= 0");
        if (time_limit && !(*time_limit > 0)) throw py::value_error("time_limit must be > 0");
        if (work_limit && *work_limit < 0) throw py::value_error("work_limit must be >= 0");
        MatchOptions o;
        o.solve.objective = objective;
        if (time_limit) o.solve.time_limit_seconds = *time_limit;
        if (work_limit) o.solve.work_limit = *work_limit;
        o.solve.threads = threads;
        PyResult r{s.in, {}};
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
