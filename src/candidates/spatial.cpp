// The company spatial index (see src/detail/spatial.hpp).
#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>

#include "placematch/model/geo.hpp"
#include "detail/spatial.hpp"

namespace placematch::detail {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using Point = bg::model::point<double, 3, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Value = std::pair<Point, Index>;

constexpr double kRad = 3.14159265358979323846 / 180.0;

Point embed(double lat, double lon) {
  const double phi = lat * kRad, lam = lon * kRad;
  return Point(std::cos(phi) * std::cos(lam), std::cos(phi) * std::sin(lam), std::sin(phi));
}
}  // namespace

struct CompanyIndex::Impl {
  const Instance* instance = nullptr;
  bgi::rtree<Value, bgi::rstar<16>> tree;
};

CompanyIndex::CompanyIndex(const Instance& instance) : impl_(std::make_unique<Impl>()) {
  impl_->instance = &instance;
  std::vector<Value> values;
  values.reserve(instance.companies.size());
  for (std::size_t k = 0; k < instance.companies.size(); ++k)
    values.emplace_back(embed(instance.companies[k].lat, instance.companies[k].lon),
                        static_cast<Index>(k));
  impl_->tree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());  // bulk load
}

CompanyIndex::~CompanyIndex() = default;
CompanyIndex::CompanyIndex(CompanyIndex&&) noexcept = default;
CompanyIndex& CompanyIndex::operator=(CompanyIndex&&) noexcept = default;

void CompanyIndex::within(double lat, double lon, double max_km,
                          std::vector<CompanyInReach>& out) const {
  query(lat, lon, max_km, out);
  std::sort(out.begin(), out.end(),
            [](const CompanyInReach& a, const CompanyInReach& b) { return a.company < b.company; });
}

void CompanyIndex::within_by_km(double lat, double lon, double max_km,
                                std::vector<CompanyInReach>& out) const {
  query(lat, lon, max_km, out);
  std::sort(out.begin(), out.end(), [](const CompanyInReach& a, const CompanyInReach& b) {
    return a.km < b.km || (a.km == b.km && a.company < b.company);
  });
}

void CompanyIndex::query(double lat, double lon, double max_km,
                         std::vector<CompanyInReach>& out) const {
  out.clear();
  const Instance& in = *impl_->instance;
  const double limit = max_km + 1e-9;
  // Chord length (unit sphere) of the great-circle distance `limit`, with a margin far
  // above the rounding error of the embedding.
  const double half_angle = std::min(limit / kEarthRadiusKm / 2.0, 3.14159265358979323846 / 2.0);
  const double chord = 2.0 * std::sin(half_angle) + 1e-7;
  const Point c = embed(lat, lon);
  const Box box(Point(bg::get<0>(c) - chord, bg::get<1>(c) - chord, bg::get<2>(c) - chord),
                Point(bg::get<0>(c) + chord, bg::get<1>(c) + chord, bg::get<2>(c) + chord));
  std::vector<Value> hits;
  impl_->tree.query(bgi::intersects(box), std::back_inserter(hits));
  for (const Value& v : hits) {
    const Company& k = in.companies[static_cast<std::size_t>(v.second)];
    const double km = haversine_km(lat, lon, k.lat, k.lon);
    if (km <= limit) out.push_back({v.second, km});
  }
}

}  // namespace placematch::detail
