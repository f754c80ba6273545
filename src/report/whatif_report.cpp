// The outputs of `placematch whatif`: JSON, CSV of the steps, the terminal table.
#include "placematch/report/whatif_report.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "placematch/report/report.hpp"

namespace placematch {

namespace {

using J = nlohmann::ordered_json;

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

using M = MessageId;

J number(double v, int decimals) {
  const double f = std::pow(10.0, decimals);
  const double r = std::round(v * f) / f;
  if (r == std::floor(r) && std::fabs(r) < 9e15) return static_cast<std::int64_t>(r);
  return r;
}

J score_json(std::int64_t millionths) { return number(static_cast<double>(millionths) / 1e6, 6); }

// A value's placements, score and whether it is proven (every step's figures).
void value_fields(J& j, const WhatIfValue& v) {
  j["placed"] = v.placed;
  j["score"] = score_json(v.score);
  j["status"] = v.optimal ? "optimal" : "feasible";
}

// An opening as the seat and opening lists name it: its id, its company's, its kind.
void opening_fields(J& j, const Instance& in, Index opening) {
  const Opening& o = in.openings[at(opening)];
  j["opening"] = o.id;
  j["company"] = in.companies[at(o.company)].id;
  j["kind"] = std::string(to_string(o.kind));
}

// A value with, when it is not proven, its bound.
J value_json(const WhatIfValue& v) {
  J j;
  value_fields(j, v);
  if (!v.optimal) j["bound"] = {{"placed", v.bound_placed}, {"score", score_json(v.bound_score)}};
  return j;
}

// A number with `decimals` decimals, written in the language's way.
std::string fixed_words(double v, int decimals, Language lang) {
  std::string t = format_fixed(v, decimals);
  if (lang == Language::Da) std::replace(t.begin(), t.end(), '.', ',');
  return t;
}

// "+3" for a gain that is not negative ("-2" keeps its own sign).
std::string signed_words(std::string number, bool plus) {
  if (plus) number.insert(number.begin(), '+');
  return number;
}

std::string hours_text(double v, Language lang) { return fixed_words(v, v == std::floor(v) ? 0 : 1, lang); }

// "Alssund Supermarked, small job 10–14 h (o02)"
std::string opening_words(const Instance& in, Index o, Language lang) {
  const Opening& op = in.openings[at(o)];
  const Company& k = in.companies[at(op.company)];
  return text(M::WhatIfOpeningWords, lang,
              {{"company", k.name.empty() ? k.id : k.name}, {"kind", kind_message(op.kind)},
               {"hours", hours_text(op.hours_min, lang) + "\u2013" + hours_text(op.hours_max, lang)}, {"opening", op.id}});
}

std::string percent(std::int64_t placed, Index residents, Language lang) {
  if (residents <= 0) return "-";
  return text(M::Percent, lang, {{"p", fixed_words(100.0 * static_cast<double>(placed) / residents, 1, lang)}});
}

std::string value_words(const WhatIfValue& v, Index residents, Language lang) {
  std::string s = text(M::WhatIfValue, lang, {{"placed", static_cast<long long>(v.placed)},
                                               {"percent", percent(v.placed, residents, lang)},
                                               {"score", fixed_words(static_cast<double>(v.score) / 1e6, 3, lang)}});
  if (!v.optimal) s += text(M::WhatIfNotProven, lang, {{"bound", static_cast<long long>(v.bound_placed)}});
  return s;
}

std::size_t code_points(std::string_view s) {
  std::size_t cps = 0;
  for (unsigned char ch : s) cps += (ch & 0xC0) != 0x80;
  return cps;
}

// Pads to `width` code points (Danish letters count as one).
std::string pad(std::string s, std::size_t width, bool right = false) {
  std::size_t cps = 0;
  for (unsigned char ch : s) cps += (ch & 0xC0) != 0x80;
  if (cps >= width) return s + " ";
  return right ? std::string(width - cps, ' ') + s : s + std::string(width - cps, ' ');
}

std::string csv_cell(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

std::string cost_text(double v) { return format_fixed(v, v == std::floor(v) ? 0 : 2); }

}  // namespace

std::string whatif_json(const Instance& in, const WhatIfResult& r, const std::vector<Course>& courses) {
  J out;
  out["format"] = "placematch-whatif/1";
  out["placematch_version"] = "0.1.0";
  out["objective_name"] = r.objective == Objective::Score ? "score" : "placements";
  out["residents"] = r.residents;
  out["today"] = value_json(r.today);
  J ceiling = value_json(r.ceiling.value);
  ceiling["unreachable"] = r.ceiling.unreachable;
  J cells = J::array();
  for (const CeilingCell& c : r.ceiling.cells) {
    J cell;
    cell["area"] = in.areas[at(c.area)].id;
    cell["target_group"] = in.codes.name(c.target_group);
    cell["residents"] = c.residents;
    cell["placed_today"] = c.placed_today;
    cell["placed_ceiling"] = c.placed_ceiling;
    cell["unreachable"] = c.unreachable;
    cell["left_out"] = c.left_out;
    J rules = J::object();
    for (const auto& [rule, n] : c.by_rule) rules[rule] = n;
    cell["rules"] = rules;
    cells.push_back(cell);
  }
  ceiling["cells"] = cells;
  out["ceiling"] = ceiling;
  J seats = J::array();
  for (std::size_t i = 0; i < r.seats.size(); ++i) {
    const SeatStep& s = r.seats[i];
    J j;
    j["step"] = i + 1;
    opening_fields(j, in, s.opening);
    j["seats"] = s.seats;
    value_fields(j, s.value);
    seats.push_back(j);
  }
  out["seats"] = seats;
  J openings = J::array();
  for (const OpeningGain& g : r.openings) {
    J j;
    opening_fields(j, in, g.opening);
    j["gain"] = {{"placed", g.gain_placed}, {"score", score_json(g.gain_score)}};
    value_fields(j, g.value);
    openings.push_back(j);
  }
  out["openings"] = openings;
  J steps = J::array();
  if (r.courses) {
    for (const CourseStep& s : r.courses->steps) {
      J j;
      j["citizen"] = in.citizens[at(s.citizen)].id;
      j["course"] = courses[at(s.course)].id;
      j["cost"] = number(s.cost, 2);
      j["budget_left"] = number(s.budget_left, 2);
      value_fields(j, s.value);
      steps.push_back(j);
    }
  }
  out["courses"] = steps;
  if (r.courses) {
    const CoursesResult& c = *r.courses;
    J sum;
    sum["budget"] = number(c.budget, 2);
    sum["spent"] = number(c.spent, 2);
    sum["before"] = value_json(c.before);
    sum["after"] = value_json(c.after);
    J per = J::array();
    for (const CourseUse& u : c.uses) {
      const Course& course = courses[at(u.course)];
      per.push_back({{"course", course.id}, {"name", course.name}, {"cost", number(course.cost, 2)},
                     {"taken", u.taken}, {"then_placed", u.then_placed}});
    }
    sum["per_course"] = per;
    J bound;
    bound["placed"] = c.bound_all_courses.optimal ? c.bound_all_courses.placed : c.bound_all_courses.bound_placed;
    bound["kind"] = "upper_bound";
    bound["what"] = "every eligible resident takes every course at once, no budget";
    sum["bound"] = bound;
    sum["greedy"] = "heuristic: one course per resident, by exact gain per krone";
    out["courses_summary"] = sum;
  }
  return out.dump(2) + "\n";
}

std::string whatif_csv(const Instance& in, const WhatIfResult& r, const std::vector<Course>& courses) {
  std::ostringstream s;
  s << "section,step,opening,company,kind,citizen,course,cost,budget_left,placed,score,gain_placed,"
       "gain_score,status\n";
  WhatIfValue prev = r.today;
  for (std::size_t i = 0; i < r.seats.size(); ++i) {
    const SeatStep& st = r.seats[i];
    const Opening& o = in.openings[at(st.opening)];
    s << "seats," << i + 1 << ',' << o.id << ',' << in.companies[at(o.company)].id << ','
      << to_string(o.kind) << ",,,,," << st.value.placed << ',' << format_millionths(st.value.score) << ','
      << st.value.placed - prev.placed << ',' << format_millionths(st.value.score - prev.score) << ','
      << (st.value.optimal ? "optimal" : "feasible") << '\n';
    prev = st.value;
  }
  for (std::size_t i = 0; i < r.openings.size(); ++i) {
    const OpeningGain& g = r.openings[i];
    const Opening& o = in.openings[at(g.opening)];
    s << "openings," << i + 1 << ',' << o.id << ',' << in.companies[at(o.company)].id << ','
      << to_string(o.kind) << ",,,,," << g.value.placed << ',' << format_millionths(g.value.score) << ','
      << g.gain_placed << ',' << format_millionths(g.gain_score) << ','
      << (g.value.optimal ? "optimal" : "feasible") << '\n';
  }
  if (r.courses) {
    prev = r.courses->before;
    for (std::size_t i = 0; i < r.courses->steps.size(); ++i) {
      const CourseStep& st = r.courses->steps[i];
      s << "courses," << i + 1 << ",,,," << in.citizens[at(st.citizen)].id << ','
        << csv_cell(courses[at(st.course)].id) << ',' << cost_text(st.cost) << ','
        << cost_text(st.budget_left) << ',' << st.value.placed << ',' << format_millionths(st.value.score)
        << ',' << st.value.placed - prev.placed << ',' << format_millionths(st.value.score - prev.score)
        << ',' << (st.value.optimal ? "optimal" : "feasible") << '\n';
      prev = st.value;
    }
  }
  return s.str();
}

std::string whatif_value_words(const WhatIfValue& value, Index residents, Language lang) {
  return value_words(value, residents, lang);
}

std::string whatif_opening_words(const Instance& instance, Index opening, Language lang) {
  return opening_words(instance, opening, lang);
}

std::string whatif_table(const Instance& in, const WhatIfResult& r, const std::vector<Course>& courses, Language lang) {
  auto T = [lang](MessageId id, std::initializer_list<MessageArg> args = {}) { return text(id, lang, args); };
  auto value = [&](const WhatIfValue& v) { return value_words(v, r.residents, lang); };
  auto kr = [lang](double v) { return fixed_words(v, v == std::floor(v) ? 0 : 2, lang); };
  std::ostringstream s;
  s << T(M::WhatIfTitle) << "\n\n";
  s << T(M::WhatIfToday) << ": " << value(r.today) << "\n";
  s << T(M::WhatIfCeiling) << ":\n  " << value(r.ceiling.value) << "\n";
  s << T(M::WhatIfUnreachable) << ": " << r.ceiling.unreachable << "\n";
  // The columns: as wide as their heading in the language (plus a space), at least the default.
  const std::vector<std::string> heads = {T(M::WhatIfColArea),    T(M::WhatIfColGroup),   T(M::WordResidents),
                                          T(M::WhatIfColToday),   T(M::WhatIfColCeiling), T(M::WhatIfColLeftOut),
                                          T(M::WhatIfColUnreachable)};
  const std::size_t defaults[] = {22, 8, 10, 7, 9, 9, 12};
  std::vector<std::size_t> width(heads.size());
  for (std::size_t i = 0; i < heads.size(); ++i) width[i] = std::max(defaults[i], code_points(heads[i]) + 1);
  s << "  ";
  for (std::size_t i = 0; i < heads.size(); ++i) s << pad(heads[i], width[i], i >= 2);
  s << "  " << T(M::WhatIfColRule) << "\n";
  for (const CeilingCell& c : r.ceiling.cells) {
    if (c.left_out == 0) continue;
    const Area& a = in.areas[at(c.area)];
    s << "  " << pad(a.name.empty() ? a.id : a.name, width[0]) << pad(in.codes.name(c.target_group), width[1])
      << pad(std::to_string(c.residents), width[2], true) << pad(std::to_string(c.placed_today), width[3], true)
      << pad(std::to_string(c.placed_ceiling), width[4], true) << pad(std::to_string(c.left_out), width[5], true)
      << pad(std::to_string(c.unreachable), width[6], true) << "  ";
    bool first = true;
    for (const auto& [rule, n] : c.by_rule) {
      s << (first ? "" : ", ") << rule << " " << n;
      first = false;
    }
    s << "\n";
  }
  if (!r.seats.empty()) {
    s << "\n" << T(M::WhatIfSeatsHead) << ":\n";
    for (std::size_t i = 0; i < r.seats.size(); ++i) {
      const SeatStep& st = r.seats[i];
      s << "  "
        << T(M::WhatIfSeatStep, {{"step", static_cast<long long>(i + 1)}, {"opening", opening_words(in, st.opening, lang)},
                                 {"value", value(st.value)}})
        << "\n";
    }
  }
  if (!r.openings.empty()) {
    s << "\n" << T(M::WhatIfOpeningsHead) << ":\n";
    for (const OpeningGain& g : r.openings)
      s << "  "
        << T(M::WhatIfGain, {{"opening", opening_words(in, g.opening, lang)},
                             {"placed", signed_words(std::to_string(g.gain_placed), g.gain_placed >= 0)},
                             {"score", signed_words(fixed_words(static_cast<double>(g.gain_score) / 1e6, 3, lang),
                                                    g.gain_score >= 0)},
                             {"value", value(g.value)}})
        << "\n";
  }
  if (r.courses) {
    const CoursesResult& c = *r.courses;
    s << "\n" << T(M::WhatIfCoursesHead) << ":\n";
    s << "  " << T(M::WhatIfBudget, {{"budget", kr(c.budget)}, {"spent", kr(c.spent)}}) << "\n";
    s << "  " << T(M::WhatIfBefore, {{"value", value(c.before)}}) << "\n";
    for (std::size_t i = 0; i < c.steps.size(); ++i) {
      const CourseStep& st = c.steps[i];
      const Course& course = courses[at(st.course)];
      s << "  "
        << T(M::WhatIfCourseStep, {{"step", static_cast<long long>(i + 1)}, {"citizen", in.citizens[at(st.citizen)].id},
                                   {"course", course.name.empty() ? course.id : course.name}, {"cost", kr(st.cost)},
                                   {"left", kr(st.budget_left)}, {"value", value(st.value)}})
        << "\n";
    }
    s << "  " << T(M::WhatIfAfter, {{"value", value(c.after)}}) << "\n";
    for (const CourseUse& u : c.uses) {
      if (u.taken == 0) continue;
      const Course& course = courses[at(u.course)];
      s << "  "
        << T(M::WhatIfCourseUse, {{"course", course.name.empty() ? course.id : course.name},
                                  {"taken", static_cast<long long>(u.taken)}, {"placed", static_cast<long long>(u.then_placed)}})
        << "\n";
    }
    const WhatIfValue& b = c.bound_all_courses;
    s << "  " << T(M::WhatIfAllCoursesBound, {{"n", static_cast<long long>(b.optimal ? b.placed : b.bound_placed)}}) << "\n";
  }
  return s.str();
}

}  // namespace placematch
