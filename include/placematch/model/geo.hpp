#pragma once
// placematch/model/geo.hpp — great-circle distance (data contract v1, section 2, rule 1).
//
// The haversine formula on a sphere of radius 6371.0088 km (the IUGG mean Earth radius),
// numerically stable for small distances. O(1).
// Reference: R. W. Sinnott (1984), "Virtues of the Haversine", Sky and Telescope 68(2).
//
// Usage:
//   double km = placematch::haversine_km(55.403, 10.402, 55.676, 12.568);  // Odense-Copenhagen
#include <algorithm>
#include <cmath>

namespace placematch {

/// Mean Earth radius in km used by every distance in placematch.
inline constexpr double kEarthRadiusKm = 6371.0088;

/// Great-circle distance in km between two WGS84 points given in degrees (haversine).
inline double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double phi1 = lat1 * kRad, phi2 = lat2 * kRad;
  const double s_dphi = std::sin((lat2 - lat1) * kRad / 2.0);
  const double s_dlam = std::sin((lon2 - lon1) * kRad / 2.0);
  double h = s_dphi * s_dphi + std::cos(phi1) * std::cos(phi2) * s_dlam * s_dlam;
  h = std::clamp(h, 0.0, 1.0);
  return 2.0 * kEarthRadiusKm * std::asin(std::sqrt(h));
}

}  // namespace placematch
