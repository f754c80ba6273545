// The workbench session: decisions applied one at a time, re-planned, undone, saved.
#include "placematch/serve/session.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <random>
#include <system_error>

#include "placematch/io/files.hpp"
#include "placematch/rules/decisions.hpp"

namespace placematch::serve {

namespace fs = std::filesystem;

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Moved: return "moved";
    case ChangeKind::Unplaced: return "unplaced";
    case ChangeKind::Placed: return "placed";
  }
  return "moved";
}

namespace {

// The opening of each citizen in a plan (kNone when unplaced).
std::vector<Index> openings_of(const Plan& plan, std::size_t citizens) {
  std::vector<Index> at(citizens, kNone);
  for (const Placement& p : plan.placements) at[static_cast<std::size_t>(p.citizen)] = p.opening;
  return at;
}

bool same_decisions(const std::vector<Decision>& a, const std::vector<Decision>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].citizen != b[i].citizen || a[i].opening != b[i].opening || a[i].kind != b[i].kind ||
        a[i].mentor != b[i].mentor)
      return false;
  return true;
}

// Decisions are written one a line after the header, so decision i is at line i + 2.
void renumber(std::vector<Decision>& decisions) {
  for (std::size_t i = 0; i < decisions.size(); ++i)
    decisions[i].where = "decisions.csv:" + std::to_string(i + 2);
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// A fresh folder under the system's temporary folder, removed by its destructor.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 16; ++attempt) {
      path = fs::temp_directory_path() / ("placematch_save_" + std::to_string(rd()) + std::to_string(rd()));
      std::error_code ec;
      if (fs::create_directory(path, ec)) return;
    }
    throw std::runtime_error("cannot create a temporary folder");
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

std::vector<PlanChange> diff_plans(const Plan& before, const Plan& after, std::size_t citizens) {
  const std::vector<Index> b = openings_of(before, citizens), a = openings_of(after, citizens);
  std::vector<PlanChange> out;
  for (std::size_t c = 0; c < citizens; ++c) {
    if (a[c] == b[c]) continue;
    PlanChange ch;
    ch.citizen = static_cast<Index>(c);
    ch.before = b[c];
    ch.after = a[c];
    ch.kind = b[c] == kNone ? ChangeKind::Placed : a[c] == kNone ? ChangeKind::Unplaced : ChangeKind::Moved;
    out.push_back(ch);
  }
  return out;
}

OpenResult Session::open(const fs::path& path, const MatchOptions& options) {
  OpenResult out;
  LoadResult loaded = load_instance(path);
  out.warnings = std::move(loaded.warnings);
  if (!loaded.ok()) {
    out.errors = std::move(loaded.errors);
    return out;
  }
  Diagnostics pins = check_decisions(*loaded.instance);
  if (!pins.empty()) {
    out.errors = std::move(pins);
    return out;
  }
  std::unique_ptr<Session> s(new Session());
  s->path_ = path;
  s->is_json_ = fs::is_regular_file(path) || fs::exists(path / "instance.json");
  s->instance_ = std::move(*loaded.instance);
  s->options_ = options;
  State first;
  first.decisions = s->instance_.decisions;
  try {
    s->planner_ = std::make_unique<Planner>(s->instance_, options);
    s->saved_ = s->planner_->plan().plan;
    s->planner_->prepare_questions();  // the consultant's questions start warm
  } catch (const InputError& e) {  // pins that cannot all hold together
    out.errors = e.errors();
    return out;
  }
  s->replans_ = 1;
  s->saved_decisions_ = first.decisions;
  s->states_.push_back(std::move(first));
  out.session = std::move(s);
  return out;
}

std::vector<PlanChange> Session::changes_since_saved() const {
  return diff_plans(saved_, current().plan, instance_.citizens.size());
}

std::vector<Action> Session::history() const {
  std::vector<Action> out;
  for (const State& s : states_)
    if (s.action) out.push_back(*s.action);
  return out;
}

bool Session::pinned(Index citizen, Index opening) const {
  for (const Decision& d : instance_.decisions)
    if (d.citizen == citizen && d.opening == opening && d.kind == DecisionKind::Pin) return true;
  return false;
}

ActionResult Session::agree(std::string_view citizen, std::string_view opening) {
  return decide(citizen, opening, DecisionKind::Pin);
}

ActionResult Session::rule_out(std::string_view citizen, std::string_view opening) {
  return decide(citizen, opening, DecisionKind::Forbid);
}

ActionResult Session::decide(std::string_view citizen, std::string_view opening, DecisionKind kind) {
  ActionResult r;
  const auto c = instance_.citizen_index.find(std::string(citizen));
  const auto o = instance_.opening_index.find(std::string(opening));
  const std::string where = "decisions.csv:" + std::to_string(instance_.decisions.size() + 2);
  if (c == instance_.citizen_index.end())
    r.errors.push_back({where, "citizen", "unknown citizen \"" + std::string(citizen) + "\""});
  if (o == instance_.opening_index.end())
    r.errors.push_back({where, "opening", "unknown opening \"" + std::string(opening) + "\""});
  if (!r.ok()) return r;

  // The new decision replaces any decision on the same pair.
  std::vector<Decision> next = instance_.decisions;
  next.erase(std::remove_if(next.begin(), next.end(),
                            [&](const Decision& d) { return d.citizen == c->second && d.opening == o->second; }),
             next.end());
  Decision d;
  d.citizen = c->second;
  d.opening = o->second;
  d.kind = kind;
  next.push_back(d);
  renumber(next);

  std::vector<Decision> before = std::move(instance_.decisions);
  instance_.decisions = next;
  Diagnostics problems = check_decisions(instance_);
  if (!problems.empty()) {
    instance_.decisions = std::move(before);
    r.errors = std::move(problems);
    return r;
  }
  const Plan was = current().plan;
  try {
    if (kind == DecisionKind::Pin)
      planner_->pin(d.citizen, d.opening);
    else
      planner_->forbid(d.citizen, d.opening);
    ++replans_;
  } catch (const InputError& e) {  // pins that cannot hold together
    instance_.decisions = std::move(before);
    r.errors = e.errors();
    return r;
  } catch (...) {
    instance_.decisions = std::move(before);
    throw;
  }
  r.changes = diff_plans(was, current().plan, instance_.citizens.size());
  State s;
  s.decisions = std::move(next);
  s.action = Action{kind == DecisionKind::Pin ? Action::Kind::Agree : Action::Kind::RuleOut, d.citizen, d.opening};
  states_.push_back(std::move(s));
  last_changes_ = r.changes;
  unsaved_ = !same_decisions(instance_.decisions, saved_decisions_);
  return r;
}

ActionResult Session::undo() {
  ActionResult r;
  if (states_.size() < 2) {
    r.errors.push_back({"decisions", "row", "nothing to undo"});
    return r;
  }
  const Action undone = *states_.back().action;
  const Plan was = current().plan;
  states_.pop_back();
  instance_.decisions = states_.back().decisions;
  // The pair's decision before the undone one (a pin replaced by a forbid, or the other
  // way round) comes back; otherwise the pair is free again. Re-planned warm.
  const Decision* earlier = nullptr;
  for (const Decision& d : instance_.decisions)
    if (d.citizen == undone.citizen && d.opening == undone.opening) earlier = &d;
  if (!earlier)
    planner_->unpin(undone.citizen, undone.opening);
  else if (earlier->kind == DecisionKind::Pin)
    planner_->pin(undone.citizen, undone.opening, earlier->mentor);
  else
    planner_->forbid(undone.citizen, undone.opening);
  ++replans_;
  r.changes = diff_plans(was, current().plan, instance_.citizens.size());
  last_changes_ = r.changes;
  unsaved_ = !same_decisions(instance_.decisions, saved_decisions_);
  return r;
}

std::string Session::decisions_csv() const {
  std::string out = "citizen,opening,decision,mentor\n";
  for (const Decision& d : instance_.decisions) {
    out += instance_.citizens[static_cast<std::size_t>(d.citizen)].id;
    out += ',';
    out += instance_.openings[static_cast<std::size_t>(d.opening)].id;
    out += ',';
    out += to_string(d.kind);
    out += ',';
    if (d.mentor != kNone) out += instance_.mentors[static_cast<std::size_t>(d.mentor)].id;
    out += '\n';
  }
  return out;
}

SaveResult Session::save() {
  SaveResult r;
  if (is_json_) {
    r.errors.push_back({path_.filename().string() + ":0", "file",
                        "decisions are saved to decisions.csv of a CSV folder; this instance is one instance.json"});
    return r;
  }
  const std::string content = decisions_csv();
  // Check the folder as it will be: the files on disk now, with the new decisions.csv.
  {
    ScratchDir scratch;
    for (const fs::directory_entry& e : fs::directory_iterator(path_)) {
      if (!e.is_regular_file() || e.path().extension() != ".csv") continue;
      if (e.path().filename() == "decisions.csv") continue;
      fs::copy_file(e.path(), scratch.path / e.path().filename());
    }
    write_file_atomically(scratch.path / "decisions.csv", content);
    LoadResult check = load_instance(scratch.path);
    if (!check.ok()) {
      r.errors = std::move(check.errors);
      return r;
    }
    Diagnostics pins = check_decisions(*check.instance);
    if (!pins.empty()) {
      r.errors = std::move(pins);
      return r;
    }
  }
  const fs::path file = path_ / "decisions.csv", previous = path_ / "decisions.csv.previous";
  if (fs::exists(file)) {
    write_file_atomically(previous, read_file(file));
    r.previous = previous;
  }
  write_file_atomically(file, content);
  r.written = file;
  saved_ = current().plan;
  saved_decisions_ = instance_.decisions;
  unsaved_ = false;
  return r;
}

}  // namespace placematch::serve
