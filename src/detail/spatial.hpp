#pragma once
// Internal: a spatial index over the companies of an instance (Boost.Geometry R-tree on
// the unit-sphere embedding of each workplace). A query for "companies within d km of a
// point" searches the cube around the point whose half side is the chord of d (a safe
// superset of the spherical cap), then keeps exactly those whose haversine distance is
// <= d + 1e-9. Build O(K log K); a query O(log K + hits).
#include <memory>
#include <utility>
#include <vector>

#include "placematch/model/instance.hpp"

namespace placematch::detail {

struct CompanyInReach {
  Index company = kNone;
  double km = 0;  // haversine_km(point, company), exactly as rule 1 computes it
};

class CompanyIndex {
 public:
  explicit CompanyIndex(const Instance& instance);
  ~CompanyIndex();
  CompanyIndex(CompanyIndex&&) noexcept;
  CompanyIndex& operator=(CompanyIndex&&) noexcept;

  /// Companies with haversine distance <= max_km + 1e-9 from (lat, lon), ascending by
  /// company index, into `out` (cleared first). Thread-safe (read-only).
  void within(double lat, double lon, double max_km, std::vector<CompanyInReach>& out) const;
  /// The same companies, ascending by (km, company index).
  void within_by_km(double lat, double lon, double max_km, std::vector<CompanyInReach>& out) const;

 private:
  void query(double lat, double lon, double max_km, std::vector<CompanyInReach>& out) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace placematch::detail
