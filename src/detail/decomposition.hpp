#pragma once
// src/detail/decomposition.hpp — a matching problem split into its connected components
// (internal; used by the solver, see engine/solve.hpp).
//
// Citizens, openings, cap groups and pools are joined by arcs (citizen–opening) and
// memberships (opening–group, opening–pool); no rule of the problem crosses a component,
// so each can be solved on its own. Union-find with path halving, O(arcs α); building the
// components' own problems is O(size of the problem). Citizens without arcs belong to no
// component. A problem that is one component is used as it is (identity maps, no copy).
#include <cstddef>
#include <vector>

#include "placematch/engine/solve.hpp"

namespace placematch::detail {

/// The citizen owning arc `e` of `p` (the last c with arc_begin[c] <= e). O(log citizens).
Index citizen_of_arc(const MatchingProblem& p, ArcIndex e);

struct Component {
  MatchingProblem problem;                  // local indices (unused when `source` is set)
  const MatchingProblem* source = nullptr;  // the whole problem, when it is one component
  const MatchingProblem& prob() const { return source ? *source : problem; }
  std::vector<Index> citizens, openings, groups;  // local -> global, ascending
};

struct Decomposition {
  std::vector<Component> parts;  // numbered by their first citizen
  std::vector<Index> citizen_comp, citizen_local;  // per global citizen (kNone: no arcs)
  std::vector<Index> opening_comp, opening_local;  // per global opening (kNone: no arcs)
  std::vector<std::size_t> order;  // the order to solve them: fewest arcs first (stable)

  /// The component-local index of global arc `e` of `p` (same offset from its citizen's
  /// first arc). O(log citizens).
  ArcIndex arc_local(const MatchingProblem& p, ArcIndex e) const;
};

/// Splits `p` (which must outlive the result) into its connected components.
Decomposition decompose(const MatchingProblem& p);

}  // namespace placematch::detail
