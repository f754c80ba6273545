// The candidate graph: every feasible pair of an instance, with its score.
#include "placematch/candidates.hpp"

#include <algorithm>
#include <numeric>
#include <thread>

#include "placematch/rules.hpp"
#include "scoring_detail.hpp"
#include "spatial_detail.hpp"

namespace placematch {

std::int64_t CandidateGraph::find(Index citizen, Index opening_index) const {
  if (citizen < 0 || static_cast<std::size_t>(citizen) >= num_citizens()) return -1;
  const auto first = opening.begin() + begin(citizen);
  const auto last = opening.begin() + end(citizen);
  const auto it = std::lower_bound(first, last, opening_index);
  return (it != last && *it == opening_index) ? static_cast<std::int64_t>(it - opening.begin()) : -1;
}

namespace {

struct Arc {
  Index opening;
  double km;
  std::uint8_t needs_mentor;
};

/// The arcs of a contiguous range of citizens.
struct Part {
  std::vector<std::int64_t> degree;
  std::vector<Index> opening;
  std::vector<std::int32_t> score;
  std::vector<double> km;
  std::vector<std::uint8_t> needs_mentor;
};

int thread_count(int requested, std::size_t work) {
  int t = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
  t = std::max(1, t);
  // Threads only pay on enough work; the result does not depend on the count.
  const std::size_t per_thread = 256;
  return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(t),
                                                std::max<std::size_t>(1, work / per_thread)));
}

template <class F>
void run_parallel(int threads, std::size_t n, F&& body) {
  // body(begin, end, part) on `threads` contiguous chunks of [0, n).
  if (threads <= 1) {
    body(std::size_t{0}, n, 0);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    const std::size_t b = n * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
    const std::size_t e = n * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(threads);
    pool.emplace_back([&body, b, e, t] { body(b, e, t); });
  }
  for (std::thread& th : pool) th.join();
}

}  // namespace

CandidateGraph build_candidates(const Instance& in, const CandidateOptions& options) {
  const std::size_t nc = in.citizens.size();
  const std::size_t na = in.areas.size();
  const ForbiddenPairs forbidden(in);
  const detail::Scorer scorer(in, options.weights);

  std::vector<std::uint8_t> free_mentor(in.companies.size());
  for (std::size_t k = 0; k < free_mentor.size(); ++k)
    free_mentor[k] = company_has_free_mentor(in, static_cast<Index>(k)) ? 1 : 0;

  // The farthest reach of each area's citizens.
  std::vector<double> reach(na, -1.0);
  for (const Citizen& c : in.citizens) {
    double& r = reach[static_cast<std::size_t>(c.area)];
    r = std::max(r, c.max_km);
  }

  // Companies within the farthest reach of each area, found once per area.
  const detail::CompanyIndex index(in);
  std::vector<std::vector<detail::CompanyInReach>> in_reach(na);
  run_parallel(thread_count(options.threads, na * 16), na,
               [&](std::size_t b, std::size_t e, int) {
                 for (std::size_t a = b; a < e; ++a)
                   if (reach[a] > 0)
                     index.within(in.areas[a].lat, in.areas[a].lon, reach[a], in_reach[a]);
               });

  // Per citizen: its own max_km, then rules 2-7 on the openings of those companies.
  const int threads = thread_count(options.threads, nc);
  std::vector<Part> parts(static_cast<std::size_t>(std::max(1, threads)));
  run_parallel(threads, nc, [&](std::size_t b, std::size_t e, int t) {
    Part& part = parts[static_cast<std::size_t>(t)];
    part.degree.reserve(e - b);
    std::vector<Arc> arcs;
    std::vector<Index> ops;
    std::vector<double> kms;
    std::vector<std::uint8_t> needs;
    std::vector<std::int32_t> scores;
    for (std::size_t ci = b; ci < e; ++ci) {
      const Index citizen = static_cast<Index>(ci);
      const Citizen& c = in.citizens[ci];
      arcs.clear();
      for (const detail::CompanyInReach& hit : in_reach[static_cast<std::size_t>(c.area)]) {
        if (!within_distance_km(c, hit.km)) continue;                       // rule 1
        const Index k = hit.company;
        if (!c.excluded_companies.empty() &&
            std::binary_search(c.excluded_companies.begin(), c.excluded_companies.end(), k))
          continue;                                                          // rule 6a
        for (Index oi : in.company_openings[static_cast<std::size_t>(k)]) {
          const Opening& o = in.openings[static_cast<std::size_t>(oi)];
          if (!hours_overlap(c, o)) continue;                                // rule 2
          if (!has_competences(c, o)) continue;                              // rule 3
          if (!barriers_accepted(c, o)) continue;                            // rule 4
          if (!group_and_age_ok(c, o)) continue;                             // rule 5
          if (forbidden.size() != 0 && forbidden.contains(citizen, oi)) continue;  // rule 6b
          const bool mentor = needs_mentor(c, o);
          if (mentor && !free_mentor[static_cast<std::size_t>(k)]) continue;  // rule 7
          arcs.push_back({oi, hit.km, static_cast<std::uint8_t>(mentor ? 1 : 0)});
        }
      }
      std::sort(arcs.begin(), arcs.end(), [](const Arc& x, const Arc& y) { return x.opening < y.opening; });
      const std::size_t n = arcs.size();
      ops.resize(n);
      kms.resize(n);
      needs.resize(n);
      scores.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        ops[i] = arcs[i].opening;
        kms[i] = arcs[i].km;
        needs[i] = arcs[i].needs_mentor;
      }
      scorer.score_block(citizen, ops.data(), kms.data(), needs.data(), n, scores.data());
      part.degree.push_back(static_cast<std::int64_t>(n));
      part.opening.insert(part.opening.end(), ops.begin(), ops.end());
      part.km.insert(part.km.end(), kms.begin(), kms.end());
      part.needs_mentor.insert(part.needs_mentor.end(), needs.begin(), needs.end());
      part.score.insert(part.score.end(), scores.begin(), scores.end());
    }
  });

  // Concatenate the parts in citizen order: the same graph for any thread count.
  CandidateGraph g;
  std::size_t total = 0;
  for (const Part& p : parts) total += p.opening.size();
  g.offsets.reserve(nc + 1);
  g.opening.reserve(total);
  g.score.reserve(total);
  g.km.reserve(total);
  g.needs_mentor.reserve(total);
  for (Part& p : parts) {
    for (std::int64_t d : p.degree) g.offsets.push_back(g.offsets.back() + d);
    g.opening.insert(g.opening.end(), p.opening.begin(), p.opening.end());
    g.score.insert(g.score.end(), p.score.begin(), p.score.end());
    g.km.insert(g.km.end(), p.km.begin(), p.km.end());
    g.needs_mentor.insert(g.needs_mentor.end(), p.needs_mentor.begin(), p.needs_mentor.end());
    p = Part{};
  }
  return g;
}

}  // namespace placematch
