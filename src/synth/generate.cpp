// Synthetic instances and the bundled Sønderborg sample (placematch/synth/generate.hpp).
//
// Everything is drawn from one xoshiro256** stream (seeded through splitmix64) with
// distribution code written here, using only IEEE-exact arithmetic (+ - * / sqrt,
// rounding) and our own polynomial cosine, so an options value gives the same instance
// on every platform. Pins are checked against every rule of contract sections 2 and 3.
#include "placematch/synth/generate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "placematch/model/geo.hpp"
#include "placematch/io/files.hpp"
#include "placematch/rules/rules.hpp"

namespace placematch {

namespace {

// ---------------------------------------------------------------- random numbers

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& s : s_) s = splitmix64(x);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, 1), 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform integer in [0, n), n > 0 (multiply-shift; deterministic).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  /// Uniform integer in [lo, hi].
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1))); }
  bool chance(double p) { return uniform() < p; }
  /// About standard normal: the sum of four uniforms, centred and scaled (Irwin-Hall).
  double normal() {
    const double s = uniform() + uniform() + uniform() + uniform() - 2.0;
    return s * 1.7320508075688772;  // sqrt(12 / 4)
  }
  /// Index drawn with the given non-negative integer weights.
  template <class W>
  std::size_t weighted(const W& weights) {
    std::uint64_t total = 0;
    for (auto w : weights) total += static_cast<std::uint64_t>(w);
    std::uint64_t r = below(total);
    std::size_t i = 0;
    for (auto w : weights) {
      if (r < static_cast<std::uint64_t>(w)) return i;
      r -= static_cast<std::uint64_t>(w);
      ++i;
    }
    return i - 1;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t s_[4];
};

/// A prefix sampler over fixed integer weights: O(log n) per draw.
class Sampler {
 public:
  void add(std::uint64_t w) { cum_.push_back((cum_.empty() ? 0 : cum_.back()) + w); }
  bool empty() const { return cum_.empty() || cum_.back() == 0; }
  std::size_t draw(Rng& rng) const {
    const std::uint64_t r = rng.below(cum_.back());
    return static_cast<std::size_t>(std::upper_bound(cum_.begin(), cum_.end(), r) - cum_.begin());
  }

 private:
  std::vector<std::uint64_t> cum_;
};

// ---------------------------------------------------------------- geometry

constexpr double kPi = 3.14159265358979323846;
constexpr double kKmPerDegree = 111.19508;  // 6371.0088 * pi / 180

/// cos(x) for |x| <= 1.6 by its Taylor series (basic arithmetic only: bit-identical
/// everywhere, unlike std::cos).
double det_cos(double x) {
  const double x2 = x * x;
  double term = 1, sum = 1;
  for (int k = 1; k <= 12; ++k) {
    term = -term * x2 / static_cast<double>((2 * k - 1) * (2 * k));
    sum += term;
  }
  return sum;
}

/// Equirectangular km: within 0.1% of the haversine at the distances used here.
double approx_km(double lat1, double lon1, double lat2, double lon2) {
  const double mid = (lat1 + lat2) / 2 * kPi / 180;
  const double dy = (lat2 - lat1) * kKmPerDegree;
  const double dx = (lon2 - lon1) * kKmPerDegree * det_cos(mid);
  return std::sqrt(dx * dx + dy * dy);
}

double round_to(double v, double step) { return std::round(v / step) * step; }
double round_deg(double v) { return std::round(v * 1e5) / 1e5; }

struct Point {
  double lat, lon;
};

/// A point about `sigma_km` (per axis) around `p`, inside Denmark's box.
Point scatter(Rng& rng, Point p, double sigma_km) {
  const double dy = rng.normal() * sigma_km, dx = rng.normal() * sigma_km;
  double lat = p.lat + dy / kKmPerDegree;
  double lon = p.lon + dx / (kKmPerDegree * det_cos(p.lat * kPi / 180));
  lat = std::clamp(lat, 54.6, 57.7);
  lon = std::clamp(lon, 8.1, 12.7);
  return {round_deg(lat), round_deg(lon)};
}

// ---------------------------------------------------------------- vocabulary

struct Town {
  const char* name;
  double lat, lon;
  int weight;  // thousands of inhabitants, roughly
};

// Danish towns with social-housing areas (approximate centres).
constexpr Town kTowns[] = {
    {"København", 55.6761, 12.5683, 640}, {"Aarhus", 56.1572, 10.2107, 290},
    {"Odense", 55.4038, 10.4024, 180},    {"Aalborg", 57.0488, 9.9217, 120},
    {"Esbjerg", 55.4765, 8.4594, 72},     {"Randers", 56.4607, 10.0365, 63},
    {"Kolding", 55.4904, 9.4722, 62},     {"Horsens", 55.8607, 9.8503, 61},
    {"Vejle", 55.7093, 9.5357, 60},       {"Roskilde", 55.6415, 12.0803, 52},
    {"Herning", 56.1393, 8.9738, 51},     {"Hørsholm", 55.8810, 12.5012, 25},
    {"Silkeborg", 56.1697, 9.5451, 50},   {"Næstved", 55.2299, 11.7609, 44},
    {"Fredericia", 55.5657, 9.7526, 41},  {"Viborg", 56.4532, 9.4020, 41},
    {"Køge", 55.4580, 12.1821, 38},       {"Holstebro", 56.3601, 8.6161, 36},
    {"Taastrup", 55.6517, 12.2925, 34},   {"Slagelse", 55.4028, 11.3546, 34},
    {"Hillerød", 55.9267, 12.3109, 36},   {"Sønderborg", 54.9138, 9.7922, 28},
    {"Svendborg", 55.0598, 10.6068, 27},  {"Hjørring", 57.4642, 9.9823, 26},
    {"Holbæk", 55.7175, 11.7128, 28},     {"Frederikshavn", 57.4407, 10.5366, 23},
    {"Ringsted", 55.4426, 11.7902, 23},   {"Haderslev", 55.2494, 9.4875, 22},
    {"Skive", 56.5670, 9.0271, 21},       {"Nykøbing Falster", 54.7691, 11.8743, 17},
    {"Aabenraa", 55.0443, 9.4174, 16},    {"Kalundborg", 55.6795, 11.0886, 16},
    {"Nyborg", 55.3127, 10.7897, 18},     {"Ishøj", 55.6150, 12.3520, 23},
    {"Brøndby", 55.6480, 12.4180, 35},    {"Albertslund", 55.6569, 12.3638, 27},
    {"Thisted", 56.9552, 8.6943, 13},     {"Grenaa", 56.4160, 10.8780, 14},
    {"Vordingborg", 55.0080, 11.9110, 12}, {"Middelfart", 55.5059, 9.7303, 16},
};
constexpr int kNumTowns = static_cast<int>(std::size(kTowns));

constexpr std::string_view kAreaSuffix[] = {"Parken", "Vænget", "Haven", "Gården", "Bakken",
                                            "Engen", "Marken", "Højen", "Toften", "Lunden",
                                            "Vang", "Park Syd", "Øst", "Vest"};

// Target groups, in default_target_groups() order.
enum Group { G61, G62, G63, G64, G65, G68, GINT, GYOUTH, GOTHER, kNumGroups };
// Weights: the Sønderborg table (6.1 32, 6.2 52, 6.3 70, 6.4 30, 6.5 12, 6.8 31,
// INT-SHP 38 of 265) as 90%, YOUTH 6%, OTHER 4%.
constexpr std::array<int, kNumGroups> kGroupWeight = {32 * 9, 52 * 9, 70 * 9, 30 * 9, 12 * 9,
                                                      31 * 9, 38 * 9, 159, 106};
bool vulnerable(int g) { return g == G63 || g == G65 || g == G68 || g == GINT; }
bool job_ready(int g) { return g == G61 || g == G62 || g == G64; }

enum Sector {
  SRetail, SKitchen, SCare, SCleaning, SLogistics, SManufacturing, SMunicipal, SConstruction,
  SAgriculture, SIt, STransport, SHospitality, kNumSectors
};
constexpr std::string_view kSectorCode[] = {"retail",       "kitchen",      "care",
                                            "cleaning",     "logistics",    "manufacturing",
                                            "municipal",    "construction", "agriculture",
                                            "it",           "transport",    "hospitality"};
constexpr std::array<int, kNumSectors> kSectorWeight = {18, 10, 12, 10, 10, 12, 6, 8, 4, 3, 4, 5};
constexpr std::string_view kSectorNoun[] = {
    "Supermarked", "Køkken",  "Plejecenter", "Rengøring", "Logistik",     "Maskinfabrik",
    "Kommune",     "Byg",     "Gartneri",    "Data",      "Vognmandsforretning", "Café"};
constexpr std::string_view kNamePrefix[] = {
    "Hansen", "Jensen", "Nielsen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Madsen", "Nord", "Syd", "Øst", "Vest", "Fjord", "Skov", "Strand", "Bakke",
    "Egebjerg", "Lindholm", "Havne", "Kyst", "Bøge", "Enghave"};
constexpr std::string_view kNameSuffix[] = {" ApS", " A/S", " I/S", ""};

// Competences: code, highest level (1: a plain certificate).
struct CompetenceDef {
  std::string_view code;
  int max_level;
};
enum Comp {
  CDanish, CDriving, CForklift, CEnglish, CCleaning, CKitchen, CRetail, CCare, CWarehouse, CIt,
  CConstruction, CGardening, CWelding, CCustomer, CFirstAid, CHygiene, kNumComps
};
constexpr CompetenceDef kComps[] = {
    {"danish", 5},   {"driving_b", 1},  {"forklift", 3},      {"english", 5},
    {"cleaning", 4}, {"kitchen", 4},    {"retail", 4},        {"care", 4},
    {"warehouse", 4}, {"it", 5},        {"construction", 4},  {"gardening", 3},
    {"welding", 3},  {"customer_service", 4}, {"first_aid", 1}, {"hygiene_cert", 1}};

enum Barrier {
  BLanguage, BHealthPhysical, BHealthMental, BAnxiety, BChildcare, BTransport, BAddiction,
  BDebt, BLiteracy, BTrauma, BHousing, BIsolation, kNumBarriers
};
constexpr std::string_view kBarrierCode[] = {
    "language", "health_physical", "health_mental", "anxiety", "childcare", "transport",
    "addiction", "debt", "literacy", "trauma", "housing", "social_isolation"};

constexpr std::string_view kLanguageCode[] = {"da", "en", "de", "ar", "so", "ti", "fa", "ku",
                                              "tr", "uk", "pl", "ur", "bs", "vi", "ro"};
constexpr int kFirstMigrantLanguage = 3;
constexpr std::array<int, 12> kMigrantLanguageWeight = {20, 12, 8, 8, 10, 9, 12, 6, 5, 4, 3, 3};

// What an opening of a sector asks for (requires/desires are drawn from these).
struct SectorNeeds {
  std::array<int, 4> comps;  // -1: none
};
constexpr SectorNeeds kSectorNeeds[] = {
    {{CDanish, CRetail, CCustomer, -1}},        // retail
    {{CKitchen, CHygiene, CDanish, -1}},        // kitchen
    {{CDanish, CCare, CFirstAid, CDriving}},    // care
    {{CCleaning, CDanish, -1, -1}},             // cleaning
    {{CForklift, CWarehouse, CDriving, -1}},    // logistics
    {{CWelding, CWarehouse, CForklift, CDanish}},  // manufacturing
    {{CDanish, CIt, CGardening, CDriving}},     // municipal
    {{CConstruction, CDriving, CDanish, -1}},   // construction
    {{CDriving, CGardening, -1, -1}},           // agriculture
    {{CIt, CEnglish, CDanish, -1}},             // it
    {{CDriving, CDanish, -1, -1}},              // transport
    {{CKitchen, CCustomer, CEnglish, CHygiene}},  // hospitality
};

std::string make_id(char prefix, std::int64_t i, int width) {
  std::string digits = std::to_string(i);
  std::string id(1, prefix);
  if (static_cast<int>(digits.size()) < width) id.append(static_cast<std::size_t>(width) - digits.size(), '0');
  id += digits;
  return id;
}

int digits_of(std::int64_t n) {
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

template <class List>
void sort_codes(List& list) {
  if constexpr (std::is_same_v<List, CodeLevels>)
    std::sort(list.begin(), list.end(), [](const CodeLevel& a, const CodeLevel& b) { return a.code < b.code; });
  else
    std::sort(list.begin(), list.end());
}

/// Where consultants' decisions are drawn: for each housing area, the companies of its
/// town (most within a few km).
struct Neighbourhoods {
  std::vector<int> area_group;                 // per area: an index into `companies`
  std::vector<std::vector<Index>> companies;  // per group: company indices
  const std::vector<Index>& of(Index area) const {
    return companies[static_cast<std::size_t>(area_group[static_cast<std::size_t>(area)])];
  }
};

// ---------------------------------------------------------------- the generator

struct Settings {
  double mentor_need_vulnerable, mentor_need_other, mentor_company_share;
  int max_mentors_per_company;
  double mentor_required_share, employees_given_share, excluded_share;
  bool mentor_heavy;
};

class Generator {
 public:
  Generator(std::uint64_t seed, const Settings& s) : rng_(seed), s_(s) { intern_codes(); }

  Instance& instance() { return in_; }
  Rng& rng() { return rng_; }

  void intern_codes() {
    for (const auto& [code, name] : default_target_groups()) {
      CodeId id = in_.codes.intern(code);
      group_code_.push_back(id);
      in_.target_groups.push_back({id, name});
    }
    for (const auto& c : kComps) comp_code_.push_back(in_.codes.intern(c.code));
    for (auto b : kBarrierCode) barrier_code_.push_back(in_.codes.intern(b));
    for (auto l : kLanguageCode) language_code_.push_back(in_.codes.intern(l));
    for (auto s : kSectorCode) sector_code_.push_back(in_.codes.intern(s));
  }

  Index add_area(std::string id, std::string name, Point p) {
    in_.areas.push_back({std::move(id), std::move(name), p.lat, p.lon});
    return static_cast<Index>(in_.areas.size() - 1);
  }

  /// A citizen of target group `g` living in `area`; `nearby` are company indices to
  /// draw an excluded company from.
  Citizen make_citizen(std::string id, int g, Index area, const std::vector<Index>& nearby) {
    Citizen c;
    c.id = std::move(id);
    c.area = area;
    c.target_group = group_code_[static_cast<std::size_t>(g)];
    // Age.
    auto between = [&](int lo, int hi) {  // triangular-ish: the mean of two uniforms
      return (rng_.range(lo, hi) + rng_.range(lo, hi) + rng_.range(0, 1)) / 2;
    };
    switch (g) {
      case G61: c.age = between(27, 64); break;
      case G62: case G63: c.age = between(30, 64); break;
      case G64: case G65: c.age = rng_.range(18, 29); break;
      case G68: c.age = between(25, 64); break;
      case GINT: c.age = between(18, 58); break;
      case GYOUTH: c.age = rng_.range(13, 17); break;
      default: c.age = between(18, 67); break;
    }
    // Hours and tolerance.
    static constexpr double kJobReady[] = {15, 20, 25, 30, 32, 37, 37};
    static constexpr double kActivity[] = {4, 6, 8, 10, 10, 12, 15, 20, 7.5};
    static constexpr double kIntegration[] = {10, 15, 20, 25, 30, 37, 12.5};
    static constexpr double kYouth[] = {3, 4, 5, 6, 8, 10, 12};
    static constexpr double kOther[] = {10, 15, 20, 25, 30, 37};
    auto pick = [&](const auto& arr) { return arr[rng_.below(std::size(arr))]; };
    if (g == GYOUTH) c.hours = pick(kYouth);
    else if (job_ready(g)) c.hours = pick(kJobReady);
    else if (g == GINT) c.hours = pick(kIntegration);
    else if (vulnerable(g)) c.hours = pick(kActivity);
    else c.hours = pick(kOther);
    static constexpr double kTolerance[] = {0, 1, 2, 2, 2.5, 3, 5, 5, 5, 8, 10};
    c.hours_tolerance = pick(kTolerance);
    if (c.hours_tolerance >= c.hours) c.hours_tolerance = c.hours / 2;
    // Reach.
    double lo = 4, hi = 25;
    if (g == GYOUTH) lo = 1.5, hi = 8;
    else if (vulnerable(g)) lo = 2, hi = 15;
    const double u = rng_.uniform();
    c.max_km = round_to(lo + (hi - lo) * u * std::sqrt(u), 0.5);
    if (g != GYOUTH && rng_.chance(0.005)) c.max_km = rng_.range(40, 60);
    c.needs_mentor = rng_.chance(vulnerable(g) ? s_.mentor_need_vulnerable : s_.mentor_need_other);
    // Languages and Danish.
    const double migrant_p = g == GINT ? 1.0 : vulnerable(g) ? 0.45 : g == GYOUTH ? 0.3 : 0.2;
    const bool migrant = rng_.chance(migrant_p);
    int danish;
    if (!migrant) danish = rng_.chance(0.85) ? 5 : 4;
    else if (g == GINT) danish = rng_.range(1, 3);
    else danish = rng_.range(2, 5);
    if (migrant) {
      c.languages.push_back(language_code_[kFirstMigrantLanguage + rng_.weighted(kMigrantLanguageWeight)]);
      if (danish >= 2 || g != GINT) c.languages.push_back(language_code_[0]);
    } else {
      c.languages.push_back(language_code_[0]);
      if (rng_.chance(0.04)) c.languages.push_back(language_code_[2]);  // de
    }
    if (rng_.chance(g == GYOUTH ? 0.6 : 0.3)) c.languages.push_back(language_code_[1]);  // en
    // Competences.
    std::vector<int> have;
    c.competences.push_back({comp_code_[CDanish], danish});
    have.push_back(CDanish);
    if (c.age >= 18) {
      const double drive_p = job_ready(g) ? 0.55 : g == GINT ? 0.15 : vulnerable(g) ? 0.25 : 0.5;
      if (rng_.chance(drive_p)) {
        c.competences.push_back({comp_code_[CDriving], 1});
        have.push_back(CDriving);
      }
    }
    const int extra = job_ready(g) ? rng_.range(1, 4) : rng_.range(0, 2);
    for (int i = 0; i < extra; ++i) {
      int k = rng_.range(CForklift, kNumComps - 1);
      if (c.age < 18 && (k == CForklift || k == CWelding || k == CConstruction || k == CCare)) continue;
      if (std::find(have.begin(), have.end(), k) != have.end()) continue;
      have.push_back(k);
      const int top = kComps[k].max_level;
      int level = 1 + static_cast<int>(rng_.below(static_cast<std::uint64_t>(top)));
      if (!job_ready(g) && level > 1 && rng_.chance(0.5)) --level;
      c.competences.push_back({comp_code_[static_cast<std::size_t>(k)], level});
    }
    // Barriers.
    std::vector<int> barriers;
    auto add_barrier = [&](int b, int severity) {
      if (std::find(barriers.begin(), barriers.end(), b) != barriers.end()) return;
      barriers.push_back(b);
      c.barriers.push_back({barrier_code_[static_cast<std::size_t>(b)], std::clamp(severity, 1, 3)});
    };
    if (danish <= 3) add_barrier(BLanguage, 4 - danish);
    int count = 0, max_sev = 2;
    if (job_ready(g)) count = rng_.chance(0.6) ? 0 : rng_.chance(0.75) ? 1 : 2;
    else if (g == GINT) count = rng_.range(0, 2), max_sev = 3;
    else if (vulnerable(g)) count = rng_.range(1, 4), max_sev = 3;
    else if (g == GYOUTH) count = rng_.chance(0.8) ? 0 : 1, max_sev = 1;
    else count = rng_.range(0, 2);
    for (int i = 0; i < count; ++i) {
      int b;
      if (g == G68 && i == 0) b = rng_.chance(0.5) ? BHealthPhysical : BHealthMental;
      else if (g == GYOUTH) b = rng_.chance(0.5) ? BAnxiety : BIsolation;
      else if (g == GINT && rng_.chance(0.5)) b = rng_.chance(0.5) ? BTrauma : BChildcare;
      else b = rng_.range(BHealthPhysical, kNumBarriers - 1);
      add_barrier(b, rng_.range(1, max_sev));
    }
    // Interests.
    const int interests = rng_.range(0, 3);
    for (int i = 0; i < interests; ++i) {
      CodeId s = sector_code_[rng_.weighted(kSectorWeight)];
      if (std::find(c.interests.begin(), c.interests.end(), s) == c.interests.end()) c.interests.push_back(s);
    }
    // Unemployment.
    const double v = rng_.uniform(), v2 = v * v;
    switch (g) {
      case G61: c.months_unemployed = 6 + static_cast<int>(42 * v2); break;
      case G62: c.months_unemployed = 1 + static_cast<int>(35 * v2); break;
      case G64: c.months_unemployed = 1 + static_cast<int>(23 * v2); break;
      case G63: case G65: case G68: c.months_unemployed = 12 + static_cast<int>(228 * v2 * v); break;
      case GINT: c.months_unemployed = 3 + static_cast<int>(69 * v2); break;
      case GYOUTH: c.months_unemployed = 0; break;
      default: c.months_unemployed = static_cast<int>(24 * v2); break;
    }
    if (g == G65 || g == G64) c.months_unemployed = std::min(c.months_unemployed, (c.age - 15) * 12);
    // Excluded companies (a former employer nearby).
    if (!nearby.empty() && g != GYOUTH && rng_.chance(s_.excluded_share)) {
      const int n = rng_.chance(0.8) ? 1 : 2;
      for (int i = 0; i < n; ++i) {
        Index k = nearby[rng_.below(nearby.size())];
        if (std::find(c.excluded_companies.begin(), c.excluded_companies.end(), k) == c.excluded_companies.end())
          c.excluded_companies.push_back(k);
      }
    }
    sort_codes(c.competences);
    sort_codes(c.barriers);
    sort_codes(c.languages);
    sort_codes(c.interests);
    std::sort(c.excluded_companies.begin(), c.excluded_companies.end());
    return c;
  }

  static constexpr int kEmployeesNotGiven = -2;
  /// A company with a display name, sector and size; `forced_name` overrides the name;
  /// `forced_employees` >= 0 or kEmployeesNotGiven overrides the size.
  Company make_company(std::string id, Point p, int sector, std::string_view forced_name = {},
                       int forced_employees = -1) {
    Company k;
    k.id = std::move(id);
    k.lat = p.lat;
    k.lon = p.lon;
    k.sector = sector_code_[static_cast<std::size_t>(sector)];
    if (!forced_name.empty()) {
      k.name = forced_name;
    } else {
      const double r = rng_.uniform();
      std::string prefix(kNamePrefix[rng_.below(std::size(kNamePrefix))]);
      std::string noun(kSectorNoun[sector]);
      if (r < 0.03) k.name = prefix + " & Søn, " + noun;               // a comma: quoted in CSV
      else if (r < 0.04) k.name = noun + " \"" + prefix + "\"";         // quotes: escaped in CSV
      else k.name = prefix + " " + noun + std::string(kNameSuffix[rng_.below(std::size(kNameSuffix))]);
    }
    if (forced_employees >= 0) {
      k.employees = forced_employees;
    } else if (forced_employees == kEmployeesNotGiven) {
    } else if (rng_.chance(s_.employees_given_share)) {
      const double r = rng_.uniform();
      if (r < 0.01) k.employees = 0;
      else if (r < 0.52) k.employees = rng_.range(1, 9);
      else if (r < 0.77) k.employees = rng_.range(10, 49);
      else if (r < 0.93) k.employees = rng_.range(50, 249);
      else if (r < 0.99) k.employees = rng_.range(250, 999);
      else k.employees = rng_.range(1000, 5000);
    }
    if (k.employees && rng_.chance(0.3)) {
      const int cap = reasonableness_limit(*k.employees, 0);
      k.supported_now = rng_.chance(0.15) ? cap : rng_.range(0, std::max(0, cap - 1));
    }
    return k;
  }

  /// Mentors for company `k` (none with probability 1 - mentor_company_share).
  void add_mentors(Index k, int width, bool force = false) {
    if (!force && !rng_.chance(s_.mentor_company_share)) return;
    int count = 1;
    if (s_.mentor_heavy) count = rng_.chance(0.5) ? 1 : 2;
    else
      while (count < s_.max_mentors_per_company && rng_.chance(0.35)) ++count;
    for (int i = 0; i < count; ++i) {
      Mentor m;
      m.id = make_id('m', static_cast<std::int64_t>(in_.mentors.size()) + 1, width);
      m.company = k;
      const double r = rng_.uniform();
      m.capacity = r < 0.5 ? 1 : r < 0.85 ? 2 : 3;
      if (rng_.chance(0.3)) m.carrying_now = rng_.range(0, m.capacity);
      if (rng_.chance(0.95)) m.languages.push_back(language_code_[0]);
      if (rng_.chance(0.25))
        m.languages.push_back(language_code_[kFirstMigrantLanguage + rng_.weighted(kMigrantLanguageWeight)]);
      if (rng_.chance(0.2)) m.languages.push_back(language_code_[1]);
      sort_codes(m.languages);
      m.languages.erase(std::unique(m.languages.begin(), m.languages.end()), m.languages.end());
      in_.mentors.push_back(std::move(m));
    }
  }

  /// An opening of company `k`; kind < 0: drawn.
  Opening make_opening(std::string id, Index k, int kind_hint, bool company_has_mentors) {
    Opening o;
    o.id = std::move(id);
    o.company = k;
    static constexpr std::array<int, 5> kKindWeight = {34, 34, 10, 10, 12};
    const int kind = kind_hint >= 0 ? kind_hint : static_cast<int>(rng_.weighted(kKindWeight));
    o.kind = static_cast<OpeningKind>(kind);
    const double r = rng_.uniform();
    auto frac = [&](double v) { return rng_.chance(0.1) ? v + 0.5 : v; };
    switch (o.kind) {
      case OpeningKind::Internship:
        o.seats = r < 0.75 ? 1 : r < 0.95 ? 2 : 3;
        o.hours_min = rng_.range(5, 25);
        o.hours_max = std::min(37.0, o.hours_min + rng_.range(0, 15));
        break;
      case OpeningKind::SmallJob:
        o.seats = r < 0.6 ? 1 : r < 0.85 ? 2 : rng_.range(3, 4);
        o.hours_min = frac(rng_.range(3, 10));
        o.hours_max = std::min(15.0, o.hours_min + rng_.range(0, 6));
        break;
      case OpeningKind::WageSubsidy:
        o.seats = 1;
        o.hours_min = rng_.range(15, 30);
        o.hours_max = std::min(37.0, o.hours_min + rng_.range(0, 12));
        break;
      case OpeningKind::Ordinary:
        o.seats = r < 0.8 ? 1 : 2;
        o.hours_min = rng_.range(15, 30);
        o.hours_max = std::min(37.0, o.hours_min + rng_.range(0, 15));
        break;
      case OpeningKind::LeisureJob:
        o.seats = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
        o.hours_min = rng_.range(3, 8);
        o.hours_max = std::min(12.0, o.hours_min + rng_.range(0, 5));
        break;
    }
    const Company& company = in_.companies[static_cast<std::size_t>(k)];
    int sector = 0;
    while (sector_code_[static_cast<std::size_t>(sector)] != company.sector) ++sector;
    if (rng_.chance(0.1)) sector = static_cast<int>(rng_.weighted(kSectorWeight));
    o.sector = sector_code_[static_cast<std::size_t>(sector)];
    // Requires and desires from the sector's needs.
    std::vector<int> needs;
    for (int cidx : kSectorNeeds[sector].comps)
      if (cidx >= 0) needs.push_back(cidx);
    const bool adult_kind = o.kind != OpeningKind::LeisureJob && o.kind != OpeningKind::Internship;
    const double require_p = o.kind == OpeningKind::Ordinary ? 0.6
                           : o.kind == OpeningKind::WageSubsidy ? 0.35
                           : o.kind == OpeningKind::SmallJob ? 0.2
                           : o.kind == OpeningKind::Internship ? 0.1 : 0.05;
    std::vector<int> used;
    auto level_for = [&](int cidx, bool hard) {
      const int top = kComps[cidx].max_level;
      if (top == 1) return 1;
      const int cap = hard ? std::min(top, cidx == CDanish ? 3 : 2) : top;
      return rng_.range(1, cap);
    };
    if (rng_.chance(require_p)) {
      const int n = rng_.chance(0.8) ? 1 : 2;
      for (int i = 0; i < n; ++i) {
        int cidx = needs[rng_.below(needs.size())];
        if (!adult_kind && cidx == CDriving) continue;
        if (std::find(used.begin(), used.end(), cidx) != used.end()) continue;
        used.push_back(cidx);
        o.required.push_back({comp_code_[static_cast<std::size_t>(cidx)], level_for(cidx, true)});
      }
    }
    const int desires = rng_.range(0, 2);
    std::vector<int> desired;
    for (int i = 0; i < desires; ++i) {
      int cidx = needs[rng_.below(needs.size())];
      if (std::find(used.begin(), used.end(), cidx) != used.end() ||
          std::find(desired.begin(), desired.end(), cidx) != desired.end())
        continue;
      desired.push_back(cidx);
      o.desired.push_back({comp_code_[static_cast<std::size_t>(cidx)], level_for(cidx, false)});
    }
    // Barrier limits.
    if (rng_.chance(0.15)) {
      static constexpr std::array<int, 5> kLimited = {BHealthPhysical, BAnxiety, BLanguage,
                                                      BAddiction, BHealthMental};
      const int n = rng_.range(1, 2);
      std::vector<int> lim;
      for (int i = 0; i < n; ++i) {
        int b = kLimited[rng_.below(kLimited.size())];
        if (std::find(lim.begin(), lim.end(), b) != lim.end()) continue;
        lim.push_back(b);
        o.barrier_limits.push_back({barrier_code_[static_cast<std::size_t>(b)], b == BAddiction ? 0 : rng_.range(0, 2)});
      }
    }
    // Groups and ages.
    if (o.kind == OpeningKind::LeisureJob) {
      if (rng_.chance(0.4)) o.groups.push_back(group_code_[GYOUTH]);
      if (rng_.chance(0.2)) o.age_min = 15;
    } else if (o.kind == OpeningKind::WageSubsidy && rng_.chance(0.25)) {
      for (int g : {G61, G62, G63, G68})
        if (rng_.chance(0.6)) o.groups.push_back(group_code_[static_cast<std::size_t>(g)]);
    } else if (o.kind == OpeningKind::Internship && rng_.chance(0.12)) {
      for (int g : {G63, G65, G68, GINT})
        if (rng_.chance(0.6)) o.groups.push_back(group_code_[static_cast<std::size_t>(g)]);
    }
    if (o.kind != OpeningKind::LeisureJob && rng_.chance(0.08)) {
      if (rng_.chance(0.5)) o.age_min = rng_.chance(0.5) ? 18 : 25;
      if (rng_.chance(0.5)) o.age_max = rng_.chance(0.5) ? 30 : 60;
    }
    const double mr = o.kind == OpeningKind::Internship ? 2 * s_.mentor_required_share : s_.mentor_required_share;
    o.mentor_required = company_has_mentors ? rng_.chance(mr) : rng_.chance(mr * 0.1);
    sort_codes(o.required);
    sort_codes(o.desired);
    sort_codes(o.barrier_limits);
    sort_codes(o.groups);
    return o;
  }

  // ---------------------------------------------------------------- decisions

  static std::uint64_t key(Index c, Index o) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(c)) << 32) | static_cast<std::uint32_t>(o);
  }

  /// A random opening of a random company of the area's neighbourhood, or kNone.
  Index opening_near(const Neighbourhoods& hood, Index area) {
    const auto& ks = hood.of(area);
    if (ks.empty()) return kNone;
    const auto& os = in_.company_openings[static_cast<std::size_t>(ks[rng_.below(ks.size())])];
    return os.empty() ? kNone : os[rng_.below(os.size())];
  }

  /// `count` forbidden pairs: a citizen and an opening near their home (any pair would
  /// do; near ones are the ones a consultant decides about). Needs in_.finalize().
  void add_forbids(std::int64_t count, const Neighbourhoods& hood) {
    if (in_.citizens.empty() || in_.openings.empty()) return;
    for (std::int64_t i = 0, tries = 0; i < count && tries < 20 * count + 20; ++tries) {
      const Index c = static_cast<Index>(rng_.below(in_.citizens.size()));
      Index o = opening_near(hood, in_.citizens[static_cast<std::size_t>(c)].area);
      if (o == kNone) o = static_cast<Index>(rng_.below(in_.openings.size()));
      if (!decided_.insert(key(c, o)).second) continue;
      in_.decisions.push_back({c, o, DecisionKind::Forbid, kNone, {}});
      ++i;
    }
  }

  /// Up to `count` pins, each keeping every rule of section 2 (distance with a margin,
  /// so the pin does not hang on rounding) and, together, every rule of section 3.
  /// Needs in_.finalize() first.
  void add_pins(std::int64_t count, const Neighbourhoods& hood) {
    if (count <= 0 || in_.citizens.empty() || in_.openings.empty()) return;
    std::vector<int> seats_used(in_.openings.size(), 0);
    std::vector<int> mentor_used(in_.mentors.size(), 0);
    std::vector<int> reasonable_used(in_.companies.size(), 0);
    std::vector<char> pinned(in_.citizens.size(), 0);
    for (std::int64_t i = 0, tries = 0; i < count && tries < 50 * count + 50; ++tries) {
      const Index ci = static_cast<Index>(rng_.below(in_.citizens.size()));
      if (pinned[static_cast<std::size_t>(ci)]) continue;
      const Citizen& c = in_.citizens[static_cast<std::size_t>(ci)];
      for (int attempt = 0; attempt < 40; ++attempt) {
        const Index oi = opening_near(hood, c.area);
        if (oi == kNone) break;
        const Opening& o = in_.openings[static_cast<std::size_t>(oi)];
        const Index ki = o.company;
        const Company& k = in_.companies[static_cast<std::size_t>(ki)];
        const Area& a = in_.areas[static_cast<std::size_t>(c.area)];
        // Section 2.
        if (approx_km(a.lat, a.lon, k.lat, k.lon) * 1.01 + 0.05 > c.max_km) continue;
        if (!within_distance_km(c, haversine_km(a.lat, a.lon, k.lat, k.lon))) continue;
        if (!hours_overlap(c, o) || !has_competences(c, o) || !barriers_accepted(c, o) ||
            !group_and_age_ok(c, o) || !company_not_excluded(c, o))
          continue;
        if (decided_.count(key(ci, oi))) continue;
        // Section 3: seats, reasonableness, mentors.
        if (seats_used[static_cast<std::size_t>(oi)] >= o.seats) continue;
        const auto cap = in_.reasonableness_cap(ki);
        const bool counts = counts_for_reasonableness(o.kind) && cap.has_value();
        if (counts && reasonable_used[static_cast<std::size_t>(ki)] >= *cap) continue;
        Index mentor = kNone;
        if (needs_mentor(c, o)) {
          for (Index m : in_.company_mentors[static_cast<std::size_t>(ki)])
            if (in_.mentors[static_cast<std::size_t>(m)].free_capacity() - mentor_used[static_cast<std::size_t>(m)] >= 1) {
              mentor = m;
              break;
            }
          if (mentor == kNone) continue;
          ++mentor_used[static_cast<std::size_t>(mentor)];
        }
        ++seats_used[static_cast<std::size_t>(oi)];
        if (counts) ++reasonable_used[static_cast<std::size_t>(ki)];
        pinned[static_cast<std::size_t>(ci)] = 1;
        decided_.insert(key(ci, oi));
        // The agreed mentor is written for most mentored pins; the others leave the
        // choice to the plan (the pool was counted all the same).
        const Index agreed = (mentor != kNone && rng_.chance(0.7)) ? mentor : kNone;
        in_.decisions.push_back({ci, oi, DecisionKind::Pin, agreed, {}});
        ++i;
        break;
      }
    }
  }

  std::vector<CodeId> group_code_, comp_code_, barrier_code_, language_code_, sector_code_;

 private:
  Rng rng_;
  Settings s_;
  Instance in_;
  std::unordered_set<std::uint64_t> decided_;
};

Settings settings_of(const GenerateOptions& o) {
  Settings s{o.mentor_need_vulnerable, o.mentor_need_other, o.mentor_company_share,
             o.max_mentors_per_company, o.mentor_required_share, o.employees_given_share,
             o.excluded_share, o.mentor_heavy};
  if (o.mentor_heavy) s.mentor_need_vulnerable = std::max(s.mentor_need_vulnerable, 0.5);
  auto clamp01 = [](double& v) { v = std::clamp(v, 0.0, 1.0); };
  clamp01(s.mentor_need_vulnerable);
  clamp01(s.mentor_need_other);
  clamp01(s.mentor_company_share);
  clamp01(s.mentor_required_share);
  clamp01(s.employees_given_share);
  clamp01(s.excluded_share);
  s.max_mentors_per_company = std::max(1, s.max_mentors_per_company);
  return s;
}

}  // namespace

Instance generate_instance(const GenerateOptions& options) {
  if (options.citizens < 0 || options.openings < 0 || options.areas < 0 || options.companies < 0)
    throw std::invalid_argument("generate_instance: negative count");
  if (options.citizens > 10'000'000 || options.openings > 10'000'000)
    throw std::invalid_argument("generate_instance: more than 10 million records");
  const std::int64_t n = options.citizens, m = options.openings;
  Generator gen(options.seed, settings_of(options));
  Instance& in = gen.instance();
  Rng& rng = gen.rng();

  // Towns and areas.
  const std::int64_t num_areas =
      options.areas > 0 ? options.areas : std::clamp<std::int64_t>((n + 32) / 65, 1, 4000);
  // Towns: the listed towns in a seeded order, then satellite towns 12-35 km from a
  // listed one (so large instances spread out instead of piling up in a few cities).
  // Weights grow with the square root of the population.
  int num_towns = options.towns > 0
                      ? options.towns
                      : static_cast<int>(std::clamp<std::int64_t>((num_areas + 4) / 8, 1, 400));
  num_towns = std::clamp(num_towns, 1, 10 * kNumTowns);
  std::array<int, kNumTowns> order{};
  for (int i = 0; i < kNumTowns; ++i) order[static_cast<std::size_t>(i)] = i;
  for (int i = kNumTowns - 1; i > 0; --i)
    std::swap(order[static_cast<std::size_t>(i)], order[rng.below(static_cast<std::uint64_t>(i + 1))]);
  struct TownAt {
    std::string name;
    Point centre;
    double radius_km;
    std::uint64_t weight;
  };
  std::vector<TownAt> towns;
  Sampler town_sampler;
  static constexpr std::string_view kSatellite[] = {" Nord", " Syd", " Øst", " Vest", " Mark", " Strand", " Skov", " By", " Vang"};
  for (int t = 0; t < num_towns; ++t) {
    const Town& base = kTowns[order[static_cast<std::size_t>(t % kNumTowns)]];
    const double root = std::sqrt(static_cast<double>(base.weight));
    TownAt town{base.name, {base.lat, base.lon}, 1.0 + root / 5, static_cast<std::uint64_t>(std::round(root * 10))};
    if (t >= kNumTowns) {
      const double dist = 10 + 50 * rng.uniform();
      const double dy = rng.normal(), dx = rng.normal();
      const double len = std::sqrt(dx * dx + dy * dy) + 1e-9;
      town.centre = scatter(rng, {base.lat + dist * dy / len / kKmPerDegree,
                                  base.lon + dist * dx / len / (kKmPerDegree * det_cos(base.lat * kPi / 180))}, 0.5);
      town.name += kSatellite[static_cast<std::size_t>(t / kNumTowns - 1) % std::size(kSatellite)];
      town.radius_km = 1.5;
      town.weight = std::max<std::uint64_t>(10, town.weight / 3);
    }
    town_sampler.add(town.weight);
    towns.push_back(std::move(town));
  }
  auto town_point = [&](int t) { return towns[static_cast<std::size_t>(t)].centre; };
  auto town_radius = [&](int t) { return towns[static_cast<std::size_t>(t)].radius_km; };

  const int area_width = digits_of(num_areas);
  std::vector<int> area_town(static_cast<std::size_t>(num_areas));
  Sampler area_sampler;
  for (std::int64_t a = 0; a < num_areas; ++a) {
    const int t = a < num_towns ? static_cast<int>(a) : static_cast<int>(town_sampler.draw(rng));
    area_town[static_cast<std::size_t>(a)] = t;
    const Point p = scatter(rng, town_point(t), town_radius(t));
    std::string name = towns[static_cast<std::size_t>(t)].name + " " +
                       std::string(kAreaSuffix[rng.below(std::size(kAreaSuffix))]);
    gen.add_area(make_id('a', a + 1, area_width), std::move(name), p);
    area_sampler.add(static_cast<std::uint64_t>(rng.range(5, 15)));
  }

  // Companies, clustered around the same towns.
  const std::int64_t num_companies =
      m == 0 ? 0 : options.companies > 0 ? options.companies : std::max<std::int64_t>(1, (m + 2) / 3);
  const int company_width = digits_of(num_companies);
  std::vector<std::vector<Index>> town_companies(static_cast<std::size_t>(num_towns));
  for (std::int64_t k = 0; k < num_companies; ++k) {
    const int t = static_cast<int>(town_sampler.draw(rng));
    const double r = rng.uniform();
    const double sigma = r < 0.7 ? 2.0 + town_radius(t) / 2 : r < 0.95 ? 8.0 : 20.0;
    const Point p = scatter(rng, town_point(t), sigma);
    const int sector = static_cast<int>(rng.weighted(kSectorWeight));
    in.companies.push_back(gen.make_company(make_id('k', k + 1, company_width), p, sector));
    town_companies[static_cast<std::size_t>(t)].push_back(static_cast<Index>(k));
  }
  const int mentor_width = digits_of(num_companies * 3 + 1);
  std::vector<char> has_mentors(static_cast<std::size_t>(num_companies), 0);
  for (std::int64_t k = 0; k < num_companies; ++k) {
    const std::size_t before = in.mentors.size();
    gen.add_mentors(static_cast<Index>(k), mentor_width);
    has_mentors[static_cast<std::size_t>(k)] = in.mentors.size() > before;
  }

  // Openings: one per company first, the rest by company size.
  std::vector<Index> company_of(static_cast<std::size_t>(m));
  if (num_companies > 0) {
    Sampler by_size;
    for (const Company& k : in.companies) {
      const int e = k.employees.value_or(20);
      by_size.add(e < 10 ? 2 : e < 50 ? 4 : e < 250 ? 7 : 10);
    }
    for (std::int64_t i = 0; i < m; ++i)
      company_of[static_cast<std::size_t>(i)] =
          i < num_companies ? static_cast<Index>(i) : static_cast<Index>(by_size.draw(rng));
    std::sort(company_of.begin(), company_of.end());
  }
  const int opening_width = digits_of(m);
  in.openings.reserve(static_cast<std::size_t>(m));
  for (std::int64_t i = 0; i < m; ++i) {
    const Index k = company_of[static_cast<std::size_t>(i)];
    in.openings.push_back(gen.make_opening(make_id('o', i + 1, opening_width), k, -1,
                                           has_mentors[static_cast<std::size_t>(k)] != 0));
  }

  // Citizens.
  if (n > 0 && num_companies == 0) throw std::invalid_argument("generate_instance: citizens but no openings");
  const int citizen_width = digits_of(n);
  in.citizens.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    const Index a = static_cast<Index>(area_sampler.draw(rng));
    const int g = static_cast<int>(rng.weighted(kGroupWeight));
    in.citizens.push_back(gen.make_citizen(make_id('c', i + 1, citizen_width), g, a,
                                           town_companies[static_cast<std::size_t>(area_town[static_cast<std::size_t>(a)])]));
  }

  in.finalize();  // decisions are not part of the derived tables
  Neighbourhoods hood{area_town, std::move(town_companies)};
  gen.add_forbids(static_cast<std::int64_t>(std::round(std::max(0.0, options.forbid_share) * static_cast<double>(n))), hood);
  gen.add_pins(static_cast<std::int64_t>(std::round(std::max(0.0, options.pin_share) * static_cast<double>(n))), hood);
  return std::move(in);
}

void generate_instance_csv(const GenerateOptions& options, const std::filesystem::path& dir) {
  write_instance_csv(generate_instance(options), dir);
}

// ---------------------------------------------------------------- the Sønderborg sample

namespace {

struct SampleCompany {
  const char* id;
  const char* name;
  double lat, lon;
  Sector sector;
  int employees;  // -1: not given
  int openings;
};

// Invented companies in and around Sønderborg (names are made up; places are plausible).
constexpr SampleCompany kSampleCompanies[] = {
    {"alssund_super", "Alssund Supermarked", 54.9101, 9.7905, SRetail, 38, 4},
    {"havnens_cafe", "Havnens Café", 54.9132, 9.7861, SHospitality, 12, 2},
    {"ringriderkoekken", "Ringriderkøkkenet ApS", 54.9188, 9.7952, SKitchen, 8, 2},
    {"plejecenter_sundsmark", "Plejecenter Sundsmarkhus", 54.9305, 9.8012, SCare, 85, 5},
    {"plejehjem_ulkebol", "Ulkebøl Plejehjem", 54.9239, 9.8201, SCare, 60, 4},
    {"rent_og_pent", "Rent & Pænt, Rengøring", 54.9047, 9.8133, SCleaning, 24, 4},
    {"als_service", "Als Rengøringsservice ApS", 54.9170, 9.7711, SCleaning, 6, 2},
    {"soenderborg_logistik", "Sønderborg Logistik A/S", 54.9350, 9.8420, SLogistics, 140, 5},
    {"nordals_lager", "Nordals Lager og Transport", 54.9480, 9.7700, SLogistics, 32, 3},
    {"alsion_tek", "Alsion Teknik ApS", 54.9120, 9.7800, SIt, 18, 1},
    {"dybboel_maskin", "Dybbøl Maskinfabrik", 54.9090, 9.7410, SManufacturing, 210, 5},
    {"vestermark_metal", "Vestermark Metal ApS", 54.9010, 9.7530, SManufacturing, 45, 3},
    {"kommune_park_vej", "Park og Vej, kommunal drift", 54.9260, 9.7850, SMunicipal, 120, 5},
    {"bibliotek", "Biblioteket i Sønderborg", 54.9110, 9.7830, SMunicipal, 30, 2},
    {"kloever_byg", "Kløvermarkens Byg ApS", 54.9150, 9.8220, SConstruction, 14, 2},
    {"tomrer_hansen", "Tømrer Hansen & Søn", 54.8990, 9.8010, SConstruction, 7, 1},
    {"gartneri_ulkebol", "Ulkebøl Gartneri", 54.9330, 9.8300, SAgriculture, 9, 2},
    {"frugt_avl", "Als Frugtavl I/S", 54.8890, 9.8650, SAgriculture, -1, 1},
    {"busselskab", "Sydals Busselskab", 54.9200, 9.7600, STransport, 55, 3},
    {"genbrug", "Genbrugsbutikken \"Anden Chance\"", 54.9075, 9.7950, SRetail, 3, 2},
    {"byens_bager", "Byens Bageri", 54.9108, 9.7938, SKitchen, 11, 2},
    {"stenbjerg_kiosk", "Stenbjerg Kiosk", 54.9220, 9.7690, SRetail, -1, 1},
    {"hotel_alssund", "Hotel Alssund", 54.9080, 9.7870, SHospitality, 48, 3},
    {"borgen_center", "Borgen Butikscenter", 54.9115, 9.7888, SRetail, 90, 5},
    {"idraetshal", "Sønderborg Idrætscenter", 54.9190, 9.8080, SMunicipal, 25, 3},
    {"auto_vaerksted", "Nørager Autoværksted", 54.9170, 9.8050, SManufacturing, 5, 1},
    {"vaskeri", "Alssund Vaskeri", 54.9050, 9.8250, SCleaning, 16, 2},
    {"boernehus", "Børnehuset Solsikken", 54.9275, 9.8160, SCare, 22, 2},
    {"havnekantine", "Kantinen på Havnen", 54.9140, 9.7820, SKitchen, 19, 2},
    {"it_support", "Sundet IT-support", 54.9130, 9.7990, SIt, 8, 1},
    {"pizza_sonderborg", "Pizzeria Søstjernen", 54.9265, 9.8175, SHospitality, 4, 2},
    {"fjordvejens_lager", "Fjordvejens Lager", 54.8820, 9.7310, SLogistics, 70, 4},
};

// The table of 1 March 2021: residents per target group (rows) and housing department
// (columns 22, 24, 30, 35).
constexpr int kSampleTable[7][4] = {
    {7, 11, 7, 7},     // 6.1
    {12, 15, 15, 10},  // 6.2
    {14, 13, 25, 18},  // 6.3
    {9, 10, 3, 8},     // 6.4
    {5, 4, 1, 2},      // 6.5
    {12, 7, 4, 8},     // 6.8
    {8, 7, 13, 10},    // INT-SHP
};

}  // namespace

Instance generate_sonderborg_sample() {
  Settings s{0.45, 0.08, 0.7, 3, 0.08, 1.0, 0.03, false};
  Generator gen(20210301, s);
  Instance& in = gen.instance();
  Rng& rng = gen.rng();

  gen.add_area("stenbjergparken", "Stenbjergparken", {54.9226, 9.7668});
  gen.add_area("kloever_hvedemarken", "Kløver-/Hvedemarken", {54.9120, 9.8130});
  gen.add_area("noerager", "Nørager", {54.9160, 9.8020});
  gen.add_area("soestjernevej", "Søstjernevej m.fl.", {54.9270, 9.8190});

  std::vector<Index> all_companies;
  for (const SampleCompany& sc : kSampleCompanies) {
    all_companies.push_back(static_cast<Index>(in.companies.size()));
    in.companies.push_back(gen.make_company(sc.id, {sc.lat, sc.lon}, sc.sector, sc.name,
                                            sc.employees < 0 ? Generator::kEmployeesNotGiven : sc.employees));
  }
  std::vector<char> has_mentors(in.companies.size(), 0);
  for (std::size_t k = 0; k < in.companies.size(); ++k) {
    const std::size_t before = in.mentors.size();
    gen.add_mentors(static_cast<Index>(k), 2, k % 4 == 0);
    has_mentors[k] = in.mentors.size() > before;
  }
  int opening_no = 0;
  for (std::size_t k = 0; k < in.companies.size(); ++k)
    for (int j = 0; j < kSampleCompanies[k].openings; ++j) {
      ++opening_no;
      // The first five openings cover every kind; the rest are drawn.
      const int kind = opening_no <= 5 ? opening_no - 1 : -1;
      in.openings.push_back(gen.make_opening(make_id('o', opening_no, 2), static_cast<Index>(k), kind, has_mentors[k] != 0));
    }

  // Residents: exactly the table's counts per group and department. Within reach of the
  // local network: 2-15 km (the whole network lies within about 10 km).
  int citizen_no = 0;
  for (int area = 0; area < 4; ++area)
    for (int g = 0; g < 7; ++g)
      for (int i = 0; i < kSampleTable[g][area]; ++i) {
        ++citizen_no;
        Citizen c = gen.make_citizen(make_id('c', citizen_no, 3), g, static_cast<Index>(area), all_companies);
        c.max_km = std::min(c.max_km, 15.0);
        in.citizens.push_back(std::move(c));
      }
  (void)rng;

  in.finalize();
  const Neighbourhoods hood{std::vector<int>(in.areas.size(), 0), {all_companies}};
  gen.add_forbids(4, hood);
  gen.add_pins(2, hood);
  return std::move(in);
}

}  // namespace placematch
