// The candidate graph: every feasible pair of an instance, with its score.
//
// Work is done per housing area (its citizens share a point): the openings within the
// area's farthest reach are listed once, sorted by km, so each citizen scans only the
// prefix within its own max_km. The rules then run on compact per-opening rows against
// the citizen's codes in dense per-code arrays (no searches). Two passes over the areas:
// the first runs the rules, keeping each citizen's degree and one bit per opening of its
// prefix; the second turns the bits into arcs, scores them in one Eigen batch per
// citizen and writes them, sorted by opening, into arrays allocated once at their exact
// size. Areas are handed to the threads dynamically; a citizen's arcs depend only on the
// citizen, so the graph is the same for any thread count.
#include "placematch/candidates/candidates.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <climits>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "placematch/rules/rules.hpp"
#include "detail/scoring.hpp"
#include "detail/spatial.hpp"

namespace placematch {

ArcIndex CandidateGraph::find(Index citizen, Index opening_index) const {
  if (citizen < 0 || static_cast<std::size_t>(citizen) >= num_citizens()) return kNone;
  const auto first = opening.begin() + begin(citizen);
  const auto last = opening.begin() + end(citizen);
  const auto it = std::lower_bound(first, last, opening_index);
  return (it != last && *it == opening_index) ? static_cast<ArcIndex>(it - opening.begin()) : kNone;
}

namespace {

/// What rules 2-5 and 7 need of an opening, in one cache-friendly row.
struct OpeningRow {
  double hours_min = 0, hours_max = 0;
  int age_lo = INT_MIN, age_hi = INT_MAX;  // rule 5's ages, the kind's limits included
  Index company = kNone;
  std::uint32_t req_begin = 0, req_end = 0;  // `requires`, in the shared pool
  std::uint32_t lim_begin = 0, lim_end = 0;  // `barrier_limits`, in the shared pool
  std::uint32_t grp_begin = 0, grp_end = 0;  // `groups` (empty: every group)
  bool mentor_required = false;
  bool free_mentor = false;  // its company has a mentor with free capacity
};

struct Rows {
  std::vector<OpeningRow> rows;
  std::vector<CodeLevel> levels;  // pool of `requires` and `barrier_limits`
  std::vector<CodeId> groups;     // pool of `groups`
};

Rows compact_openings(const Instance& in) {
  Rows r;
  r.rows.resize(in.openings.size());
  std::vector<std::uint8_t> free_mentor(in.companies.size());
  for (std::size_t k = 0; k < free_mentor.size(); ++k)
    free_mentor[k] = company_has_free_mentor(in, static_cast<Index>(k)) ? 1 : 0;
  for (std::size_t i = 0; i < in.openings.size(); ++i) {
    const Opening& o = in.openings[i];
    OpeningRow& row = r.rows[i];
    row.hours_min = o.hours_min;
    row.hours_max = o.hours_max;
    if (o.age_min) row.age_lo = *o.age_min;
    if (o.age_max) row.age_hi = *o.age_max;
    // Rule 5: under 18 only for leisure jobs and internships; leisure jobs only 13-17.
    if (o.kind != OpeningKind::LeisureJob && o.kind != OpeningKind::Internship)
      row.age_lo = std::max(row.age_lo, 18);
    if (o.kind == OpeningKind::LeisureJob) {
      row.age_lo = std::max(row.age_lo, 13);
      row.age_hi = std::min(row.age_hi, 17);
    }
    row.company = o.company;
    row.req_begin = static_cast<std::uint32_t>(r.levels.size());
    r.levels.insert(r.levels.end(), o.required.begin(), o.required.end());
    row.req_end = row.lim_begin = static_cast<std::uint32_t>(r.levels.size());
    r.levels.insert(r.levels.end(), o.barrier_limits.begin(), o.barrier_limits.end());
    row.lim_end = static_cast<std::uint32_t>(r.levels.size());
    row.grp_begin = static_cast<std::uint32_t>(r.groups.size());
    r.groups.insert(r.groups.end(), o.groups.begin(), o.groups.end());
    row.grp_end = static_cast<std::uint32_t>(r.groups.size());
    row.mentor_required = o.mentor_required;
    row.free_mentor = free_mentor[static_cast<std::size_t>(o.company)] != 0;
  }
  return r;
}

/// An opening within an area's reach, with what the cheapest rules need, so that the
/// scan over an area's list reads memory in order.
struct Reach {
  double km;
  double hours_min, hours_max;
  int age_lo, age_hi;
  Index opening;
  bool mentor_required;
  bool free_mentor;
};

/// How many openings of an area's list (ascending km) are within the citizen's reach
/// (rule 1, as within_distance_km computes it). O(log list).
std::size_t within_reach(const Citizen& c, const std::vector<Reach>& list) {
  const double max_km = c.max_km + 1e-9;
  return static_cast<std::size_t>(
      std::partition_point(list.begin(), list.end(), [&](const Reach& r) { return r.km <= max_km; }) -
      list.begin());
}

/// A feasible pair of the citizen at hand.
struct Arc {
  Index opening;
  std::uint8_t needs_mentor;
  double km;
};

/// Everything one thread needs; reused from citizen to citizen.
struct Worker {
  explicit Worker(const detail::Scorer& scorer)
      : scorer(scorer), barrier(scorer.instance().codes.size(), 0) {}
  detail::CitizenScorer scorer;
  std::vector<int> barrier;  // the loaded citizen's severity per code, 0 when none
  std::vector<detail::CompanyInReach> companies;
  std::vector<Reach> reach;
  std::vector<Arc> arcs;
  std::vector<double> components;
  std::vector<std::uint8_t> needs;
  std::vector<std::int32_t> scores;
  std::vector<std::uint64_t> order;
  std::vector<std::uint32_t> survivors;
};

/// Resizes a vector that will be large to n; on Linux, asks for huge pages first, which
/// makes the first touch of hundreds of MB several times cheaper.
template <class T>
void sized(std::vector<T>& v, std::size_t n) {
  v.reserve(n);
#ifdef __linux__
  constexpr std::uintptr_t kHuge = std::uintptr_t{1} << 21;
  const auto first = (reinterpret_cast<std::uintptr_t>(v.data()) + kHuge - 1) & ~(kHuge - 1);
  const auto last = (reinterpret_cast<std::uintptr_t>(v.data() + n)) & ~(kHuge - 1);
  if (last > first)
    madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // a hint only
#endif
  v.resize(n);
}

/// build_candidates' state and its steps: the instance prepared once (openings as rows,
/// citizens by area, forbidden pairs, each company's openings as list entries), then two
/// passes over the areas on threads.
class CandidateBuilder {
 public:
  CandidateBuilder(const Instance& in, const CandidateOptions& options);
  CandidateGraph build();

 private:
  void group_by_area();
  void read_forbids();
  void list_company_openings();
  void list_area(std::size_t a, Worker& w) const;
  std::size_t scan(Index ci, Worker& w, std::vector<std::uint64_t>& bits) const;
  std::size_t arcs_from_bits(Index ci, Worker& w, const std::vector<std::uint64_t>& bits, std::size_t at) const;
  template <class Body>
  void for_each_area(Body&& body) const;
  void allocate(CandidateGraph& g) const;
  void write_citizen(Index ci, Worker& w, CandidateGraph& g) const;

  const Instance& in_;
  const std::size_t nc_, na_;
  detail::Scorer scorer_;
  const Rows rows_;
  const detail::OpeningTable terms_;
  std::vector<std::size_t> area_begin_;  // citizens by area (CSR over by_area_)
  std::vector<double> reach_;            // per area: its citizens' farthest max_km
  std::vector<Index> by_area_;
  std::vector<std::uint32_t> forbid_begin_;  // per citizen: its forbidden openings, sorted
  std::vector<Index> forbid_;
  const detail::CompanyIndex index_;
  std::vector<std::size_t> company_begin_;  // per company: its entries in templates_
  std::vector<Reach> templates_;
  int threads_ = 1;
};

CandidateBuilder::CandidateBuilder(const Instance& in, const CandidateOptions& options)
    : in_(in), nc_(in.citizens.size()), na_(in.areas.size()), scorer_(in, options.weights),
      rows_(compact_openings(in)), terms_(in), index_(in) {
  scorer_.prepare_pools();
  group_by_area();
  read_forbids();
  list_company_openings();
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads_ = static_cast<int>(std::clamp<std::size_t>(static_cast<std::size_t>(std::max(1, threads)), 1,
                                                      std::max<std::size_t>(1, na_)));
}

// Citizens by area (counting sort) and the farthest reach of each area.
void CandidateBuilder::group_by_area() {
  area_begin_.assign(na_ + 1, 0);
  reach_.assign(na_, -1.0);
  for (const Citizen& c : in_.citizens) {
    const auto a = static_cast<std::size_t>(c.area);
    ++area_begin_[a + 1];
    reach_[a] = std::max(reach_[a], c.max_km);
  }
  for (std::size_t a = 0; a < na_; ++a) area_begin_[a + 1] += area_begin_[a];
  by_area_.resize(nc_);
  std::vector<std::size_t> next(area_begin_.begin(), area_begin_.end() - 1);
  for (std::size_t ci = 0; ci < nc_; ++ci)
    by_area_[next[static_cast<std::size_t>(in_.citizens[ci].area)]++] = static_cast<Index>(ci);
}

// Forbidden openings of each citizen (rule 6b), sorted.
void CandidateBuilder::read_forbids() {
  forbid_begin_.assign(nc_ + 1, 0);
  std::vector<std::pair<Index, Index>> pairs;
  for (const Decision& d : in_.decisions)
    if (d.kind == DecisionKind::Forbid) pairs.emplace_back(d.citizen, d.opening);
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  for (const auto& p : pairs) ++forbid_begin_[static_cast<std::size_t>(p.first) + 1];
  for (std::size_t c = 0; c < nc_; ++c) forbid_begin_[c + 1] += forbid_begin_[c];
  forbid_.reserve(pairs.size());
  for (const auto& p : pairs) forbid_.push_back(p.second);
}

// Each company's openings as list entries (km left to fill in), in one array: the
// openings that need a mentor their company cannot give are left out for everyone.
void CandidateBuilder::list_company_openings() {
  company_begin_.assign(in_.companies.size() + 1, 0);
  templates_.reserve(in_.openings.size());
  for (std::size_t k = 0; k < in_.companies.size(); ++k) {
    for (Index oi : in_.company_openings[k]) {
      const OpeningRow& row = rows_.rows[static_cast<std::size_t>(oi)];
      if (row.mentor_required && !row.free_mentor) continue;  // rule 7 for anyone
      templates_.push_back({0.0, row.hours_min, row.hours_max, row.age_lo, row.age_hi, oi, row.mentor_required,
                            row.free_mentor});
    }
    company_begin_[k + 1] = templates_.size();
  }
}

// The openings within reach of area a, by km (companies sorted by km, each with its
// openings), into w.reach.
void CandidateBuilder::list_area(std::size_t a, Worker& w) const {
  w.reach.clear();
  if (reach_[a] <= 0) return;
  index_.within_by_km(in_.areas[a].lat, in_.areas[a].lon, reach_[a], w.companies);
  for (const detail::CompanyInReach& hit : w.companies) {
    const auto k = static_cast<std::size_t>(hit.company);
    for (std::size_t i = company_begin_[k]; i < company_begin_[k + 1]; ++i) {
      w.reach.push_back(templates_[i]);
      w.reach.back().km = hit.km;
    }
  }
}

// Rules 1-7 for citizen ci against the openings of its area (w.reach): appends to `bits`
// one bit per opening of the prefix within the citizen's reach, set when the pair is
// feasible, and returns how many are. w.scorer holds the citizen afterwards.
std::size_t CandidateBuilder::scan(Index ci, Worker& w, std::vector<std::uint64_t>& bits) const {
  const Citizen& c = in_.citizens[static_cast<std::size_t>(ci)];
  std::size_t count = 0;
  const std::size_t base = bits.size();
  w.scorer.load(ci);
  for (const CodeLevel& b : c.barriers) w.barrier[static_cast<std::size_t>(b.code)] = b.level;
  const double c_lo = c.hours - c.hours_tolerance;
  const double c_hi = c.hours + c.hours_tolerance;
  const std::uint32_t f_begin = forbid_begin_[static_cast<std::size_t>(ci)];
  const std::uint32_t f_end = forbid_begin_[static_cast<std::size_t>(ci) + 1];
  const bool excludes = !c.excluded_companies.empty();
  const int age = c.age;
  const bool needs_mentor = c.needs_mentor;
  // Rule 1: the prefix of the area's list within the citizen's reach.
  const std::size_t prefix = within_reach(c, w.reach);
  bits.resize(base + (prefix + 63) / 64, 0);
  // Rule 2 (as hours_overlap in rules.cpp computes it), rule 5's ages and rule 7, on
  // every opening of the prefix without branches; the survivors are gathered by index.
  w.survivors.resize(prefix);
  std::size_t n = 0;
  for (std::size_t j = 0; j < prefix; ++j) {
    const Reach& r = w.reach[j];
    const bool hours_ok = std::max(c_lo, r.hours_min) <= std::min(c_hi, r.hours_max) + 1e-9;
    const bool ok = hours_ok & (age >= r.age_lo) & (age <= r.age_hi) & !(needs_mentor & !r.free_mentor);
    w.survivors[n] = static_cast<std::uint32_t>(j);
    n += ok ? 1 : 0;
  }
  const Rows& rows = rows_;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t j = w.survivors[k];
    const Reach& r = w.reach[j];
    const OpeningRow& o = rows.rows[static_cast<std::size_t>(r.opening)];
    bool ok = true;
    for (std::uint32_t i = o.req_begin; i < o.req_end && ok; ++i)  // rule 3
      ok = w.scorer.held(rows.levels[i].code) >= rows.levels[i].level;
    for (std::uint32_t i = o.lim_begin; i < o.lim_end && ok; ++i)  // rule 4
      ok = w.barrier[static_cast<std::size_t>(rows.levels[i].code)] <= rows.levels[i].level;
    if (!ok) continue;
    if (o.grp_begin != o.grp_end &&  // rule 5, target group
        std::find(rows.groups.begin() + o.grp_begin, rows.groups.begin() + o.grp_end, c.target_group) ==
            rows.groups.begin() + o.grp_end)
      continue;
    if (excludes &&
        std::binary_search(c.excluded_companies.begin(), c.excluded_companies.end(), o.company))  // rule 6a
      continue;
    if (f_begin != f_end &&
        std::binary_search(forbid_.begin() + f_begin, forbid_.begin() + f_end, r.opening))  // rule 6b
      continue;
    bits[base + (j >> 6)] |= std::uint64_t{1} << (j & 63);
    ++count;
  }
  for (const CodeLevel& b : c.barriers) w.barrier[static_cast<std::size_t>(b.code)] = 0;
  return count;
}

// The feasible arcs of citizen ci into w.arcs, in the order of w.reach, from the bits
// its scan left at bits[at...]; returns the position after them.
std::size_t CandidateBuilder::arcs_from_bits(Index ci, Worker& w, const std::vector<std::uint64_t>& bits,
                                             std::size_t at) const {
  const Citizen& c = in_.citizens[static_cast<std::size_t>(ci)];
  const std::size_t prefix = within_reach(c, w.reach);
  w.arcs.clear();
  const std::size_t words = (prefix + 63) / 64;
  for (std::size_t k = 0; k < words; ++k)
    for (std::uint64_t word = bits[at + k]; word != 0; word &= word - 1) {
      const std::size_t j = k * 64 + static_cast<std::size_t>(std::countr_zero(word));
      const Reach& r = w.reach[j];
      const bool mentor = c.needs_mentor || r.mentor_required;
      w.arcs.push_back({r.opening, static_cast<std::uint8_t>(mentor ? 1 : 0), r.km});
    }
  return at + words;
}

// Runs body(area, worker) over every area, areas handed out dynamically. A broken
// invariant in a worker is rethrown here, after every worker stopped.
template <class Body>
void CandidateBuilder::for_each_area(Body&& body) const {
  std::atomic<std::size_t> next{0};
  std::mutex failed_mutex;
  std::exception_ptr failed;
  const auto run = [&] {
    try {
      Worker w(scorer_);
      for (std::size_t a; (a = next.fetch_add(1, std::memory_order_relaxed)) < na_;) body(a, w);
    } catch (...) {
      next.store(na_);
      const std::lock_guard<std::mutex> lock(failed_mutex);
      if (!failed) failed = std::current_exception();
    }
  };
  if (threads_ > 1) {
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(threads_ - 1));
    for (int t = 1; t < threads_; ++t) pool.emplace_back(run);
    run();
    for (std::thread& th : pool) th.join();
  } else {
    run();
  }
  if (failed) std::rethrow_exception(failed);
}

// The arrays at their exact size (zeroed by the standard library: the threads share it).
void CandidateBuilder::allocate(CandidateGraph& g) const {
  const auto total = static_cast<std::size_t>(g.offsets[nc_]);
  if (threads_ <= 1) {
    sized(g.opening, total);
    sized(g.score, total);
    sized(g.km, total);
    sized(g.needs_mentor, total);
  } else {
    std::thread helper([&] {
      sized(g.km, total);
      sized(g.needs_mentor, total);
    });
    sized(g.opening, total);
    sized(g.score, total);
    helper.join();
  }
}

// Citizen ci's arcs (w.arcs): scored in the order found (a company's arcs are adjacent,
// so its mentor share is computed once), then sorted by opening and written in place.
void CandidateBuilder::write_citizen(Index ci, Worker& w, CandidateGraph& g) const {
  w.scorer.load(ci);
  const auto first = static_cast<std::size_t>(g.offsets[static_cast<std::size_t>(ci)]);
  const std::size_t n = w.arcs.size();
  if (first + n != static_cast<std::size_t>(g.offsets[static_cast<std::size_t>(ci) + 1]))
    throw std::logic_error("build_candidates: the two passes disagree");
  w.components.resize(n * detail::kComponents);
  w.needs.resize(n);
  w.scores.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const Arc& arc = w.arcs[k];
    w.scorer.components(terms_[arc.opening], arc.km, arc.needs_mentor != 0,
                        w.components.data() + k * detail::kComponents);
    w.needs[k] = arc.needs_mentor;
  }
  scorer_.combine(w.components.data(), w.needs.data(), n, w.scores.data());
  // Sort by opening on 64-bit keys (opening, position found): no two are equal.
  w.order.resize(n);
  for (std::size_t k = 0; k < n; ++k) w.order[k] = (static_cast<std::uint64_t>(w.arcs[k].opening) << 32) | k;
  std::sort(w.order.begin(), w.order.end());
  for (std::size_t k = 0; k < n; ++k) {
    const auto at = static_cast<std::size_t>(w.order[k] & 0xffffffffu);
    const Arc& arc = w.arcs[at];
    g.opening[first + k] = arc.opening;
    g.score[first + k] = w.scores[at];
    g.km[first + k] = arc.km;
    g.needs_mentor[first + k] = arc.needs_mentor;
  }
}

// Pass 1: the rules; each citizen's degree, and its feasible pairs as bits (one per
// opening within its reach: far less memory than the pairs themselves). Pass 2: the
// arcs, scored and written per citizen.
CandidateGraph CandidateBuilder::build() {
  CandidateGraph g;
  g.offsets.assign(nc_ + 1, 0);
  std::vector<std::vector<std::uint64_t>> feasible_bits(na_);
  for_each_area([&](std::size_t a, Worker& w) {
    if (area_begin_[a] == area_begin_[a + 1]) return;
    list_area(a, w);
    for (std::size_t i = area_begin_[a]; i < area_begin_[a + 1]; ++i) {
      const Index ci = by_area_[i];
      g.offsets[static_cast<std::size_t>(ci) + 1] = static_cast<std::int64_t>(scan(ci, w, feasible_bits[a]));
    }
  });
  for (std::size_t c = 0; c < nc_; ++c) g.offsets[c + 1] += g.offsets[c];
  allocate(g);
  for_each_area([&](std::size_t a, Worker& w) {
    if (area_begin_[a] == area_begin_[a + 1]) return;
    list_area(a, w);
    std::size_t at = 0;
    for (std::size_t i = area_begin_[a]; i < area_begin_[a + 1]; ++i) {
      const Index ci = by_area_[i];
      at = arcs_from_bits(ci, w, feasible_bits[a], at);
      write_citizen(ci, w, g);
    }
    feasible_bits[a] = {};
  });
  return g;
}

}  // namespace

CandidateGraph build_candidates(const Instance& in, const CandidateOptions& options) {
  return CandidateBuilder(in, options).build();
}

}  // namespace placematch
