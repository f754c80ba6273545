// validate(const Instance&): an instance built in code, turned into the loaders' raw
// records and checked by the loaders' own validator (detail::build_instance), then its
// pins by check_decisions. No check of values is written here a second time; only
// indices and code ids outside their tables, which files cannot hold, are reported here.
#include "placematch/rules/validate.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "detail/load.hpp"
#include "placematch/rules/decisions.hpp"

namespace placematch {

namespace {

using detail::RawInstance;
using detail::RawRecord;
using detail::RawTable;
using detail::RawValue;
using detail::Table;

constexpr const char* kFile = "instance";

std::string describe_index(const RawRecord& r) {
  const auto colon = r.where.rfind(':');
  return colon == std::string::npos ? r.where : r.where.substr(colon + 1);
}

/// Builds one table's records; reports bad indices and code ids at the record.
class TableBuilder {
 public:
  TableBuilder(RawInstance& raw, Table table, detail::DiagnosticSink& sink, bool present = true)
      : table_(table), out_(raw[static_cast<std::size_t>(table)]), sink_(sink) {
    out_.present = present;
    out_.describe = &describe_index;
    out_.has_column.assign(detail::columns_of(table).size(), true);
  }

  void begin(std::size_t i) {
    RawRecord r;
    r.where = std::string(kFile) + ":" + std::string(detail::to_string(table_)) + "[" + std::to_string(i) + "]";
    r.order = static_cast<long>(i) + 1;
    r.values.resize(detail::columns_of(table_).size());
    out_.records.push_back(std::move(r));
  }

  void text(std::string_view column, std::string_view s) {
    RawValue& v = at(column);
    v.text = std::string(s);
    v.type = s.find_first_not_of(" \t") == std::string_view::npos ? RawValue::Type::Missing : RawValue::Type::Text;
  }
  void number(std::string_view column, double x) {
    RawValue& v = at(column);
    if (!std::isfinite(x)) {  // the loaders' "expected a number" for the shown text
      v.type = RawValue::Type::Text;
      v.text = std::isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf");
      return;
    }
    v.type = RawValue::Type::Number;
    v.text = nlohmann::json(x).dump();  // as instance.json's reader shows a number: "-3.0"
  }
  void integer(std::string_view column, long long x) {
    RawValue& v = at(column);
    v.type = RawValue::Type::Number;
    v.text = std::to_string(x);
  }
  void flag(std::string_view column, bool b) {
    RawValue& v = at(column);
    v.type = RawValue::Type::Bool;
    v.text = b ? "true" : "false";
  }
  void list(std::string_view column, std::vector<std::string> items) {
    if (items.empty()) return;  // Missing: an empty list
    RawValue& v = at(column);
    v.type = RawValue::Type::List;
    v.items = std::move(items);
  }

  /// The id of record `i` of `table` (size n), or an error at this record.
  template <class Rows>
  void reference(std::string_view column, Index i, const Rows& rows, std::string_view what, bool optional = false) {
    if (optional && i == kNone) return;
    if (i < 0 || static_cast<std::size_t>(i) >= rows.size()) {
      error(column, std::string(what) + " index " + std::to_string(i) + " out of range [0, " +
                        std::to_string(rows.size()) + ")");
      return;
    }
    text(column, rows[static_cast<std::size_t>(i)].id);
  }

  /// A code's name, or an error at this record (empty: kNone, or the error).
  std::string code(std::string_view column, CodeId c, const CodeTable& codes, bool optional = true) {
    if (c == kNone && optional) return {};
    if (c < 0 || static_cast<std::size_t>(c) >= codes.size()) {
      error(column, "code id " + std::to_string(c) + " out of range [0, " + std::to_string(codes.size()) +
                        ") of the instance's code table");
      return {};
    }
    return codes.name(c);
  }
  void code_value(std::string_view column, CodeId c, const CodeTable& codes) { text(column, code(column, c, codes)); }
  void codes(std::string_view column, const Codes& list, const CodeTable& table) {
    std::vector<std::string> items;
    for (CodeId c : list) {
      std::string name = code(column, c, table, false);
      if (!name.empty()) items.push_back(std::move(name));
    }
    this->list(column, std::move(items));
  }
  void levels(std::string_view column, const CodeLevels& list, const CodeTable& table) {
    std::vector<std::string> items;
    for (const CodeLevel& cl : list) {
      std::string name = code(column, cl.code, table, false);
      if (!name.empty()) items.push_back(name + ":" + std::to_string(cl.level));
    }
    this->list(column, std::move(items));
  }

  void error(std::string_view column, std::string message) {
    const RawRecord& r = out_.records.back();
    sink_.error(static_cast<int>(table_), r.order, r.where, std::string(column), std::move(message));
  }

 private:
  RawValue& at(std::string_view column) {
    const int c = detail::column_index(table_, column);
    return out_.records.back().values[static_cast<std::size_t>(c)];
  }
  Table table_;
  RawTable& out_;
  detail::DiagnosticSink& sink_;
};

// One function per table: the instance's records as the loaders' raw records.
// areas.csv
void add_areas(const Instance& in, RawInstance& raw, detail::DiagnosticSink& sink) {
  TableBuilder areas(raw, Table::Areas, sink);
  for (std::size_t i = 0; i < in.areas.size(); ++i) {
    const Area& a = in.areas[i];
    areas.begin(i);
    areas.text("id", a.id);
    areas.text("name", a.name);
    areas.number("lat", a.lat);
    areas.number("lon", a.lon);
  }
}

// citizens.csv (references as ids, bad indices reported)
void add_citizens(const Instance& in, RawInstance& raw, detail::DiagnosticSink& sink) {
  const CodeTable& codes = in.codes;
  TableBuilder citizens(raw, Table::Citizens, sink);
  for (std::size_t i = 0; i < in.citizens.size(); ++i) {
    const Citizen& c = in.citizens[i];
    citizens.begin(i);
    citizens.text("id", c.id);
    citizens.reference("area", c.area, in.areas, "area");
    citizens.code_value("target_group", c.target_group, codes);
    citizens.integer("age", c.age);
    citizens.number("hours", c.hours);
    citizens.number("hours_tolerance", c.hours_tolerance);
    citizens.number("max_km", c.max_km);
    citizens.flag("needs_mentor", c.needs_mentor);
    citizens.levels("competences", c.competences, codes);
    citizens.levels("barriers", c.barriers, codes);
    citizens.codes("languages", c.languages, codes);
    citizens.codes("interests", c.interests, codes);
    citizens.integer("months_unemployed", c.months_unemployed);
    std::vector<std::string> excluded;
    for (Index k : c.excluded_companies) {
      if (k < 0 || static_cast<std::size_t>(k) >= in.companies.size())
        citizens.error("excluded_companies", "company index " + std::to_string(k) + " out of range [0, " +
                                                 std::to_string(in.companies.size()) + ")");
      else
        excluded.push_back(in.companies[static_cast<std::size_t>(k)].id);
    }
    citizens.list("excluded_companies", std::move(excluded));
  }
}

// companies.csv
void add_companies(const Instance& in, RawInstance& raw, detail::DiagnosticSink& sink) {
  const CodeTable& codes = in.codes;
  TableBuilder companies(raw, Table::Companies, sink);
  for (std::size_t i = 0; i < in.companies.size(); ++i) {
    const Company& k = in.companies[i];
    companies.begin(i);
    companies.text("id", k.id);
    companies.text("name", k.name);
    companies.number("lat", k.lat);
    companies.number("lon", k.lon);
    companies.code_value("sector", k.sector, codes);
    if (k.employees) companies.integer("employees", *k.employees);
    companies.integer("supported_now", k.supported_now);
  }
}

// mentors.csv
void add_mentors(const Instance& in, RawInstance& raw, detail::DiagnosticSink& sink) {
  const CodeTable& codes = in.codes;
  TableBuilder mentors(raw, Table::Mentors, sink);
  for (std::size_t i = 0; i < in.mentors.size(); ++i) {
    const Mentor& m = in.mentors[i];
    mentors.begin(i);
    mentors.text("id", m.id);
    mentors.reference("company", m.company, in.companies, "company");
    mentors.integer("capacity", m.capacity);
    mentors.integer("carrying_now", m.carrying_now);
    mentors.codes("languages", m.languages, codes);
  }
}

// openings.csv
void add_openings(const Instance& in, RawInstance& raw, detail::DiagnosticSink& sink) {
  const CodeTable& codes = in.codes;
  TableBuilder openings(raw, Table::Openings, sink);
  for (std::size_t i = 0; i < in.openings.size(); ++i) {
    const Opening& o = in.openings[i];
    openings.begin(i);
    openings.text("id", o.id);
    openings.reference("company", o.company, in.companies, "company");
    if (static_cast<int>(o.kind) <= static_cast<int>(OpeningKind::LeisureJob))
      openings.text("kind", to_string(o.kind));
    else
      openings.error("kind", "kind value " + std::to_string(static_cast<int>(o.kind)) + " is not an opening kind");
    openings.integer("seats", o.seats);
    openings.number("hours_min", o.hours_min);
    openings.number("hours_max", o.hours_max);
    openings.levels("requires", o.required, codes);
    openings.levels("desires", o.desired, codes);
    openings.levels("barrier_limits", o.barrier_limits, codes);
    openings.codes("groups", o.groups, codes);
    if (o.age_min) openings.integer("age_min", *o.age_min);
    if (o.age_max) openings.integer("age_max", *o.age_max);
    openings.flag("mentor_required", o.mentor_required);
    openings.code_value("sector", o.sector, codes);
  }
}

// decisions.csv
void add_decisions(const Instance& in, RawInstance& raw, detail::DiagnosticSink& sink) {
  TableBuilder decisions(raw, Table::Decisions, sink);
  for (std::size_t i = 0; i < in.decisions.size(); ++i) {
    const Decision& d = in.decisions[i];
    decisions.begin(i);
    decisions.reference("citizen", d.citizen, in.citizens, "citizen");
    decisions.reference("opening", d.opening, in.openings, "opening");
    if (d.kind == DecisionKind::Pin || d.kind == DecisionKind::Forbid)
      decisions.text("decision", to_string(d.kind));
    else
      decisions.error("decision", "decision value " + std::to_string(static_cast<int>(d.kind)) + " is not pin or forbid");
    decisions.reference("mentor", d.mentor, in.mentors, "mentor", true);
  }
}

// target_groups.csv
void add_target_groups(const Instance& in, RawInstance& raw, detail::DiagnosticSink& sink) {
  const CodeTable& codes = in.codes;
  // No target groups given: the contract's default set (as a file without target_groups).
  TableBuilder groups(raw, Table::TargetGroups, sink, !in.target_groups.empty());
  for (std::size_t i = 0; i < in.target_groups.size(); ++i) {
    const TargetGroup& g = in.target_groups[i];
    groups.begin(i);
    groups.text("code", groups.code("code", g.code, codes, false));
    groups.text("name", g.name);
  }
}

}  // namespace

Diagnostics validate(const Instance& in) {
  detail::DiagnosticSink sink;
  RawInstance raw;
  add_areas(in, raw, sink);
  add_citizens(in, raw, sink);
  add_companies(in, raw, sink);
  add_mentors(in, raw, sink);
  add_openings(in, raw, sink);
  add_decisions(in, raw, sink);
  add_target_groups(in, raw, sink);

  Diagnostics errors;
  try {
    const bool index_errors = sink.has_errors();
    std::optional<Instance> built = detail::build_instance(raw, sink);
    errors = sink.take_errors();
    if (errors.empty() && !index_errors && built) errors = check_decisions(*built);
  } catch (const std::bad_alloc&) {
    errors.push_back({std::string(kFile) + ":0", "file", "out of memory while checking the instance"});
  }
  return errors;
}

void validate_or_throw(const Instance& instance) {
  Diagnostics errors = validate(instance);
  if (!errors.empty()) throw InputError(std::move(errors));
}

}  // namespace placematch
