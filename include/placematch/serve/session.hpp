#pragma once
// placematch/serve/session.hpp — the consultant's workbench session: one instance, its
// solved plan kept warm in memory, and the consultant's decisions (agree = pin, rule out =
// forbid, undo) applied one at a time, each re-planned and shown as the changes it made.
// Nothing is written until save(), which writes decisions.csv atomically and keeps the
// file it replaces as decisions.csv.previous.
//
// Algorithm: every decision is checked first by the same checks as `placematch validate`
// (rules/decisions.hpp: a pin that breaks a rule, overfills an opening, a mentor or the
// reasonableness cap is refused with its located message) and then re-planned by the
// session's warm Planner (placematch/planner/planner.hpp: pin, forbid, unpin), against the
// current plan in the order of contract section 7, so nobody moves needlessly. Undo takes
// the decision back the same way (the pair's earlier decision, if any, restored) and
// re-plans against the current plan too. Changes are the citizen-by-citizen difference of
// two plans (section 7's `changes`). Cost: one warm re-plan per decision; O(citizens) per
// diff.
// Usage:
//   auto opened = placematch::serve::Session::open("data/sonderborg");
//   if (!opened.session) { /* opened.errors: located messages */ }
//   auto& s = *opened.session;
//   auto r = s.agree("c017", "o04");   // r.errors empty: r.changes says who moved
//   s.undo();
//   auto saved = s.save();             // writes decisions.csv (+ .previous)
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "placematch/model/diagnostics.hpp"
#include "placematch/model/instance.hpp"
#include "placematch/planner/match.hpp"
#include "placematch/planner/planner.hpp"

namespace placematch::serve {

/// How a citizen's placement differs between two plans (contract section 7).
enum class ChangeKind : std::uint8_t { Moved, Unplaced, Placed };
/// "moved", "unplaced", "placed".
std::string_view to_string(ChangeKind kind);

struct PlanChange {
  Index citizen = kNone;
  Index before = kNone;  // opening, or kNone
  Index after = kNone;   // opening, or kNone
  ChangeKind kind = ChangeKind::Moved;
};

/// Every citizen whose opening differs between `before` and `after` (plans of the same
/// instance), in citizen order. O(citizens).
std::vector<PlanChange> diff_plans(const Plan& before, const Plan& after, std::size_t citizens);

/// One decision the consultant made in this session, for the history shown on the pages.
struct Action {
  enum class Kind : std::uint8_t { Agree, RuleOut } kind = Kind::Agree;
  Index citizen = kNone;
  Index opening = kNone;
};

/// What a decision (or undo) did: refused with located messages, or the changes it made.
struct ActionResult {
  Diagnostics errors;               // non-empty: refused, nothing changed
  std::vector<PlanChange> changes;  // the plan after against the plan before
  bool ok() const { return errors.empty(); }
};

struct SaveResult {
  Diagnostics errors;  // non-empty: nothing was written
  std::filesystem::path written;   // decisions.csv
  std::filesystem::path previous;  // decisions.csv.previous, empty when there was no file
  bool ok() const { return errors.empty(); }
};

class Session;

/// Opening a session: the session, or every problem of the instance (as `validate`).
struct OpenResult {
  std::unique_ptr<Session> session;
  Diagnostics errors;
  Diagnostics warnings;
};

class Session {
 public:
  /// Loads and checks the instance at `path` (a CSV folder or instance.json) and plans it.
  static OpenResult open(const std::filesystem::path& path, const MatchOptions& options = {});

  const Instance& instance() const { return instance_; }
  const MatchOptions& options() const { return options_; }
  /// The current plan with its candidate graph (the decisions made so far applied).
  const MatchResult& current() const { return planner_->plan(); }
  /// The warm planner behind the plan (suggestions, why-not), for the pages.
  Planner& planner() const { return *planner_; }
  /// The plan as last saved (at opening: the plan of the decisions on disk).
  const Plan& saved_plan() const { return saved_; }
  /// Changes from the saved plan to the current one. O(citizens).
  std::vector<PlanChange> changes_since_saved() const;
  /// The changes the last decision or undo made (empty before the first).
  const std::vector<PlanChange>& last_changes() const { return last_changes_; }
  /// Decisions made since opening that undo can take back, oldest first.
  std::vector<Action> history() const;
  /// Whether the decisions differ from the file on disk.
  bool unsaved() const { return unsaved_; }
  /// Whether save() can write decisions.csv (a CSV folder; not an instance.json).
  bool can_save() const { return !is_json_; }
  /// Whether the citizen's pin with this opening is among the decisions.
  bool pinned(Index citizen, Index opening) const;
  /// How many plans and re-plans the session made (opening included).
  std::int64_t replans() const { return replans_; }

  /// Agree (pin) a pair. Refused with the located message of `validate` when the pin
  /// breaks a rule; a forbid decision on the same pair is replaced.
  ActionResult agree(std::string_view citizen, std::string_view opening);
  /// Rule out (forbid) a pair; a pin of the same pair is replaced.
  ActionResult rule_out(std::string_view citizen, std::string_view opening);
  /// Takes back the last decision; the plan before it is restored exactly.
  ActionResult undo();
  /// Writes the decisions to PATH/decisions.csv atomically, keeping the replaced file as
  /// decisions.csv.previous. The folder as it will be (the instance files on disk with
  /// the new decisions.csv) is checked first as `validate` checks it; any problem refuses
  /// the save with its located message and writes nothing.
  SaveResult save();

  /// The decisions as decisions.csv content (citizen,opening,decision,mentor).
  std::string decisions_csv() const;

 private:
  struct State {
    std::vector<Decision> decisions;
    std::optional<Action> action;  // what made this state (none for the first)
  };
  Session() = default;
  ActionResult decide(std::string_view citizen, std::string_view opening, DecisionKind kind);

  std::filesystem::path path_;  // the folder (or instance.json)
  bool is_json_ = false;
  Instance instance_;           // decisions = states_.back().decisions
  MatchOptions options_;
  std::vector<State> states_;   // states_[0]: as opened
  std::unique_ptr<Planner> planner_;  // its instance's decisions = instance_.decisions
  Plan saved_;
  std::vector<Decision> saved_decisions_;  // as on disk
  std::vector<PlanChange> last_changes_;
  bool unsaved_ = false;
  std::int64_t replans_ = 0;
};

}  // namespace placematch::serve
