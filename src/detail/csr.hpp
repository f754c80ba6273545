#pragma once
// src/detail/csr.hpp — items grouped by a key in compressed rows (internal): arcs by
// opening, openings by cap group or mentor pool, residents by pool, a tree's children.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace placematch::detail {

/// The numbers 0 .. n - 1 as a range (group_by over indices without a vector of them).
struct Indices {
  std::int64_t n = 0;
  struct It {
    std::int64_t i;
    std::int64_t operator*() const { return i; }
    It& operator++() {
      ++i;
      return *this;
    }
    bool operator!=(const It& o) const { return i != o.i; }
  };
  It begin() const { return {0}; }
  It end() const { return {n}; }
};

/// Groups `items` (a range, read twice) by key_of(item) in [0, keys); a negative key leaves
/// the item out. Afterwards the items of key k are out[begin[k] .. begin[k + 1]), in the
/// order given. O(items + keys).
template <class Items, class KeyOf, class Begin, class Out>
void group_by(std::size_t keys, const Items& items, KeyOf&& key_of, std::vector<Begin>& begin, std::vector<Out>& out) {
  begin.assign(keys + 1, 0);
  for (const auto& x : items)
    if (const auto k = key_of(x); k >= 0) ++begin[static_cast<std::size_t>(k) + 1];
  for (std::size_t k = 0; k < keys; ++k) begin[k + 1] += begin[k];
  out.resize(static_cast<std::size_t>(begin[keys]));
  std::vector<Begin> next(begin.begin(), begin.end() - 1);
  for (const auto& x : items)
    if (const auto k = key_of(x); k >= 0) out[static_cast<std::size_t>(next[static_cast<std::size_t>(k)]++)] = static_cast<Out>(x);
}

}  // namespace placematch::detail
