// The scoring model: components, weights, block evaluation with Eigen.
#include "placematch/candidates/scoring.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "placematch/model/geo.hpp"
#include "detail/scoring.hpp"

namespace placematch {

namespace {

double clip01(double x) { return std::clamp(x, 0.0, 1.0); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace

double target_group_vulnerability(std::string_view code) {
  const std::string c = lower(code);
  if (c == "6.8") return 1.0;
  if (c == "6.3" || c == "6.5" || c == "int-shp") return 0.8;
  if (c == "youth") return 0.5;
  if (c == "6.4") return 0.3;
  if (c == "6.1" || c == "6.2") return 0.2;
  return 0.5;
}

double agreed_hours(const Citizen& c, const Opening& o) {
  return detail::agreed_hours_of(c.hours, c.hours_tolerance, o.hours_min, o.hours_max);
}

namespace detail {

OpeningTerms opening_terms(const Opening& o) {
  OpeningTerms t;
  t.hours_min = o.hours_min;
  t.hours_max = o.hours_max;
  t.desired = o.desired.data();
  t.desired_count = static_cast<std::uint32_t>(o.desired.size());
  t.sector = o.sector;
  t.company = o.company;
  return t;
}

OpeningTable::OpeningTable(const Instance& instance) {
  std::size_t total = 0;
  for (const Opening& o : instance.openings) total += o.desired.size();
  desired_.reserve(total);
  rows_.reserve(instance.openings.size());
  for (const Opening& o : instance.openings) {
    OpeningTerms t = opening_terms(o);
    t.desired = desired_.data() + desired_.size();  // no reallocation: reserved above
    desired_.insert(desired_.end(), o.desired.begin(), o.desired.end());
    rows_.push_back(t);
  }
}

double agreed_hours_of(double hours, double tolerance, double hours_min, double hours_max) {
  const double lo = std::max(hours - tolerance, hours_min);
  const double hi = std::min(hours + tolerance, hours_max);
  if (lo <= hi) return std::clamp(hours, lo, hi);
  // The bands only touch (within 1e-9): the opening's end that touches.
  return hours_min > hours ? hours_min : hours_max;
}

Scorer::Scorer(const Instance& instance, const ScoreWeights& weights)
    : in_(instance), weights_(weights) {}

int Scorer::pool(Index company) const {
  if (!pool_.empty()) return pool_[static_cast<std::size_t>(company)];
  return in_.company_mentors.empty() ? 0 : in_.mentor_pool(company);
}

void Scorer::prepare_pools() {
  std::vector<int> pool(in_.companies.size(), 0);
  free_begin_.assign(in_.companies.size() + 1, 0);
  free_mentors_.clear();
  languages_.clear();
  for (std::size_t k = 0; k < pool.size(); ++k) {
    pool[k] = this->pool(static_cast<Index>(k));
    if (!in_.company_mentors.empty())
      for (Index m : in_.company_mentors[k]) {
        const Mentor& mentor = in_.mentors[static_cast<std::size_t>(m)];
        if (mentor.free_capacity() <= 0) continue;
        FreeMentor f;
        f.free = mentor.free_capacity();
        f.languages_begin = static_cast<std::uint32_t>(languages_.size());
        languages_.insert(languages_.end(), mentor.languages.begin(), mentor.languages.end());
        f.languages_end = static_cast<std::uint32_t>(languages_.size());
        free_mentors_.push_back(f);
      }
    free_begin_[k + 1] = free_mentors_.size();
  }
  pool_ = std::move(pool);
}

double Scorer::priority(Index citizen) const {
  const Citizen& c = in_.citizens[static_cast<std::size_t>(citizen)];
  const double months = std::min(1.0, c.months_unemployed / 24.0);
  const double vuln = (c.target_group >= 0 && static_cast<std::size_t>(c.target_group) < in_.codes.size())
                          ? target_group_vulnerability(in_.codes.name(c.target_group))
                          : 0.5;
  return clip01(0.5 * months + 0.5 * vuln);
}

void Scorer::components(Index citizen, Index opening, double km, bool needs_mentor,
                        double out[kComponents]) const {
  CitizenScorer one(*this);
  one.load(citizen);
  one.components(opening_terms(in_.openings[static_cast<std::size_t>(opening)]), km, needs_mentor,
                 out);
}

void Scorer::combine(const double* rows, const std::uint8_t* needs_mentor, std::size_t n,
                     std::int32_t* out) const {
  if (n == 0) return;
  const auto count = static_cast<Eigen::Index>(n);
  using Rows = Eigen::Matrix<double, Eigen::Dynamic, kComponents, Eigen::RowMajor>;
  const Eigen::Map<const Rows> m(rows, count, kComponents);
  const Eigen::Map<const Eigen::Array<std::uint8_t, Eigen::Dynamic, 1>> needs(needs_mentor, count);
  const ScoreWeights& w = weights_;
  // Weighted sum column by column: every row sees the same operations in the same order,
  // whatever the block size, so explain_score (a block of one) reproduces it exactly.
  const Eigen::ArrayXd numerator =
      m.col(0).array() * w.competence + m.col(1).array() * w.distance +
      m.col(2).array() * w.hours + m.col(3).array() * w.interest +
      m.col(4).array() * w.priority + m.col(5).array() * w.mentor_language;
  const double base = w.competence + w.distance + w.hours + w.interest + w.priority;
  const Eigen::ArrayXd denominator = base + needs.cast<double>() * w.mentor_language;
  for (Eigen::Index i = 0; i < count; ++i) {
    double s = 0;
    if (denominator(i) > 0) s = std::round(1e6 * (numerator(i) / denominator(i)));
    out[i] = static_cast<std::int32_t>(std::clamp(s, 0.0, 1e6));
  }
}

CitizenScorer::CitizenScorer(const Scorer& scorer)
    : scorer_(scorer),
      held_(scorer.instance().codes.size(), 0),
      interest_(scorer.instance().codes.size(), 0),
      language_(scorer.instance().codes.size(), 0) {}

void CitizenScorer::load(Index citizen) {
  const Instance& in = scorer_.instance();
  if (citizen_ != kNone) {
    const Citizen& old = in.citizens[static_cast<std::size_t>(citizen_)];
    for (const CodeLevel& x : old.competences) held_[static_cast<std::size_t>(x.code)] = 0;
    for (CodeId x : old.interests) interest_[static_cast<std::size_t>(x)] = 0;
    for (CodeId x : old.languages) language_[static_cast<std::size_t>(x)] = 0;
  }
  citizen_ = citizen;
  const Citizen& c = in.citizens[static_cast<std::size_t>(citizen)];
  for (const CodeLevel& x : c.competences) held_[static_cast<std::size_t>(x.code)] = x.level;
  for (CodeId x : c.interests) interest_[static_cast<std::size_t>(x)] = 1;
  for (CodeId x : c.languages) language_[static_cast<std::size_t>(x)] = 1;
  priority_ = scorer_.priority(citizen);
  hours_ = c.hours;
  tolerance_ = c.hours_tolerance;
  max_km_ = c.max_km;
  share_company_ = kNone;
}

double CitizenScorer::mentor_share(Index company) const {
  if (company == share_company_) return share_;
  share_company_ = company;
  share_ = 0;
  const int pool = scorer_.pool(company);
  if (pool <= 0) return 0;
  int speaking = 0;
  if (scorer_.pools_prepared()) {  // the same sum from the flat table
    const CodeId* languages = scorer_.languages();
    for (auto f = scorer_.free_mentors_begin(company); f != scorer_.free_mentors_end(company); ++f) {
      bool shared = false;
      for (std::uint32_t i = f->languages_begin; i < f->languages_end && !shared; ++i)
        shared = language_[static_cast<std::size_t>(languages[i])] != 0;
      if (shared) speaking += f->free;
    }
    share_ = clip01(static_cast<double>(speaking) / pool);
    return share_;
  }
  const Instance& in = scorer_.instance();
  for (Index m : in.company_mentors[static_cast<std::size_t>(company)]) {
    const Mentor& mentor = in.mentors[static_cast<std::size_t>(m)];
    if (mentor.free_capacity() <= 0) continue;
    bool shared = false;  // does the mentor speak one of the citizen's languages?
    for (CodeId l : mentor.languages)
      if (language_[static_cast<std::size_t>(l)]) { shared = true; break; }
    if (shared) speaking += mentor.free_capacity();
  }
  share_ = clip01(static_cast<double>(speaking) / pool);
  return share_;
}

void CitizenScorer::components(const OpeningTerms& o, double km, bool needs_mentor,
                               double out[kComponents]) const {
  // Competence fit against `desires`.
  if (o.desired_count == 0) {
    out[0] = 1.0;
  } else {
    double sum = 0;
    for (std::uint32_t i = 0; i < o.desired_count; ++i) {
      const CodeLevel& d = o.desired[i];
      sum += std::min(1.0, static_cast<double>(held_[static_cast<std::size_t>(d.code)]) / d.level);
    }
    out[0] = clip01(sum / static_cast<double>(o.desired_count));
  }
  out[1] = max_km_ > 0 ? clip01(1.0 - km / max_km_) : 0.0;
  const double agreed = agreed_hours_of(hours_, tolerance_, o.hours_min, o.hours_max);
  out[2] = clip01(1.0 - std::abs(agreed - hours_) / std::max(1.0, hours_));
  out[3] = (o.sector != kNone && interest_[static_cast<std::size_t>(o.sector)]) ? 1.0 : 0.0;
  out[4] = priority_;
  out[5] = needs_mentor ? mentor_share(o.company) : 0.0;
}

}  // namespace detail

ScoreBreakdown explain_score(const Instance& instance, Index citizen, Index opening,
                             const ScoreWeights& weights) {
  const detail::Scorer scorer(instance, weights);
  const Citizen& c = instance.citizens[static_cast<std::size_t>(citizen)];
  const Opening& o = instance.openings[static_cast<std::size_t>(opening)];
  ScoreBreakdown b;
  const Area& a = instance.areas[static_cast<std::size_t>(c.area)];
  const Company& k = instance.companies[static_cast<std::size_t>(o.company)];
  b.km = haversine_km(a.lat, a.lon, k.lat, k.lon);
  b.mentor_applies = c.needs_mentor || o.mentor_required;
  b.agreed_hours = agreed_hours(c, o);
  double values[detail::kComponents];
  scorer.components(citizen, opening, b.km, b.mentor_applies, values);
  for (int j = 0; j < detail::kComponents; ++j) {
    b.components[j].name = to_string(static_cast<ScoreComponentKind>(j));
    b.components[j].value = values[j];
    b.components[j].weight = weights[static_cast<ScoreComponentKind>(j)];
  }
  if (!b.mentor_applies) b.components[5].weight = 0;
  const std::uint8_t needs = b.mentor_applies ? 1 : 0;
  scorer.combine(values, &needs, 1, &b.score);
  return b;
}

}  // namespace placematch
