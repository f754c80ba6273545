#pragma once
// src/detail/flow_heap.hpp — an indexed 4-ary min-heap on int64 keys with
// decrease-key, for the shortest-augmenting-path searches. push/decrease O(log4 n),
// pop O(4 log4 n). Ties are broken by the lower item index (determinism).
#include <cstdint>
#include <vector>

namespace placematch::detail {

class QuadHeap {
 public:
  void resize(std::int32_t items) { pos_.assign(static_cast<std::size_t>(items), -1); }
  bool empty() const { return heap_.empty(); }
  bool contains(std::int32_t item) const { return pos_[static_cast<std::size_t>(item)] >= 0; }
  std::int64_t top_key() const { return heap_.front().key; }
  std::int32_t top_item() const { return heap_.front().item; }

  /// Inserts `item` with `key`, or lowers its key if already present with a higher key.
  void push_or_decrease(std::int32_t item, std::int64_t key) {
    std::int32_t p = pos_[static_cast<std::size_t>(item)];
    if (p < 0) {
      heap_.push_back({key, item});
      up(static_cast<std::int32_t>(heap_.size()) - 1);
    } else if (less({key, item}, heap_[static_cast<std::size_t>(p)])) {
      heap_[static_cast<std::size_t>(p)].key = key;
      up(p);
    }
  }

  std::int32_t pop() {
    std::int32_t item = heap_.front().item;
    pos_[static_cast<std::size_t>(item)] = -1;
    Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) {
      heap_.front() = last;
      pos_[static_cast<std::size_t>(last.item)] = 0;
      down(0);
    }
    return item;
  }

  /// Empties the heap in O(size).
  void clear() {
    for (const Entry& e : heap_) pos_[static_cast<std::size_t>(e.item)] = -1;
    heap_.clear();
  }

 private:
  struct Entry {
    std::int64_t key;
    std::int32_t item;
  };
  static bool less(const Entry& a, const Entry& b) {
    return a.key < b.key || (a.key == b.key && a.item < b.item);
  }
  void place(std::int32_t i, const Entry& e) {
    heap_[static_cast<std::size_t>(i)] = e;
    pos_[static_cast<std::size_t>(e.item)] = i;
  }
  void up(std::int32_t i) {
    Entry e = heap_[static_cast<std::size_t>(i)];
    while (i > 0) {
      std::int32_t parent = (i - 1) / 4;
      if (!less(e, heap_[static_cast<std::size_t>(parent)])) break;
      place(i, heap_[static_cast<std::size_t>(parent)]);
      i = parent;
    }
    place(i, e);
  }
  void down(std::int32_t i) {
    const auto n = static_cast<std::int32_t>(heap_.size());
    Entry e = heap_[static_cast<std::size_t>(i)];
    for (;;) {
      std::int32_t first = 4 * i + 1;
      if (first >= n) break;
      std::int32_t best = first;
      std::int32_t last = first + 4 < n ? first + 4 : n;
      for (std::int32_t c = first + 1; c < last; ++c)
        if (less(heap_[static_cast<std::size_t>(c)], heap_[static_cast<std::size_t>(best)])) best = c;
      if (!less(heap_[static_cast<std::size_t>(best)], e)) break;
      place(i, heap_[static_cast<std::size_t>(best)]);
      i = best;
    }
    place(i, e);
  }

  std::vector<Entry> heap_;
  std::vector<std::int32_t> pos_;
};

}  // namespace placematch::detail
