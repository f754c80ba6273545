// Writers of the data contract's instance formats (CSV folder, instance.json) and the
// atomic file write they share.
//
// Each file's fields are listed once per record kind, in the column order of
// detail/columns.hpp, and written both ways: CSV through the one CSV writer
// (detail/csv.hpp; numbers by format_shortest, which reads back to the same double) and
// JSON one record per line, keyed by the same column names.
// Every file is written to a temporary file in the target folder and renamed over the
// target, so a reader sees the old file or the complete new one. O(size of the output).
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "detail/columns.hpp"
#include "detail/csv.hpp"
#include "placematch/io/files.hpp"
#include "placematch/model/format.hpp"
#include "placematch/model/instance.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#define PLACEMATCH_POSIX_IO 1
#endif

namespace placematch {

namespace {

using detail::Table;
using ojson = nlohmann::ordered_json;

template <class Records>
const std::string& id_at(const Records& table, Index i) {
  return table[static_cast<std::size_t>(i)].id;
}

void check_index(Index i, std::size_t size, const char* what) {
  if (i < 0 || static_cast<std::size_t>(i) >= size)
    throw std::runtime_error(std::string("write_instance: ") + what + " index out of range");
}

// ---------------------------------------------------------------- one field list per file
//
// Each record's fields are listed once, in its table's column order (detail/columns.hpp),
// by a *_fields function; CsvFields writes them as one CSV row (every column, empty when
// absent), JsonFields as one JSON object keyed by the same column names (a value that is
// absent — an empty name or list, no code, no number — leaves its key out).

/// Fields as the cells of one CSV row.
class CsvFields {
 public:
  CsvFields(Table table, std::size_t reserve, const CodeTable& codes) : w_(reserve), codes_(codes) {
    w_.header(detail::columns_of(table));
  }
  void text(std::string_view s) { w_.text(s); }
  void optional_text(std::string_view s) { w_.text(s); }
  void number(double v) { w_.plain(format_shortest(v)); }
  void integer(long long v) { w_.integer(v); }
  void optional_integer(const std::optional<int>& v) {
    if (v)
      w_.integer(*v);
    else
      w_.empty();
  }
  void flag(bool v) { w_.flag(v); }
  void code(CodeId c) {
    if (c == kNone)
      w_.empty();
    else
      w_.text(codes_.name(c));
  }
  /// `code:level;code:level`.
  void levels(const CodeLevels& list) {
    scratch_.clear();
    for (const CodeLevel& cl : list) {
      if (!scratch_.empty()) scratch_.push_back(';');
      scratch_ += codes_.name(cl.code) + ':' + std::to_string(cl.level);
    }
    w_.text(scratch_);
  }
  void code_list(const Codes& list) {
    scratch_.clear();
    for (CodeId c : list) {
      if (!scratch_.empty()) scratch_.push_back(';');
      scratch_ += codes_.name(c);
    }
    w_.text(scratch_);
  }
  void id_list(const std::vector<std::string_view>& ids) {
    scratch_.clear();
    for (std::string_view id : ids) {
      if (!scratch_.empty()) scratch_.push_back(';');
      scratch_ += id;
    }
    w_.text(scratch_);
  }
  void end_record() { w_.end_row(); }
  std::string take() { return std::move(w_.str()); }

 private:
  detail::CsvWriter w_;
  const CodeTable& codes_;
  std::string scratch_;
};

/// Fields as one JSON object per record, keys from the column list.
class JsonFields {
 public:
  JsonFields(Table table, const CodeTable& codes) : columns_(detail::columns_of(table)), codes_(codes) {}
  void text(std::string_view s) { put(std::string(s)); }
  void optional_text(std::string_view s) { s.empty() ? skip() : put(std::string(s)); }
  void number(double v) { put(v); }
  void integer(long long v) { put(v); }
  void optional_integer(const std::optional<int>& v) { v ? put(*v) : skip(); }
  void flag(bool v) { put(v); }
  void code(CodeId c) { c == kNone ? skip() : put(codes_.name(c)); }
  void levels(const CodeLevels& list) {
    if (list.empty()) return skip();
    ojson a = ojson::array();
    for (const CodeLevel& cl : list) a.push_back(codes_.name(cl.code) + ':' + std::to_string(cl.level));
    put(std::move(a));
  }
  void code_list(const Codes& list) {
    if (list.empty()) return skip();
    ojson a = ojson::array();
    for (CodeId c : list) a.push_back(codes_.name(c));
    put(std::move(a));
  }
  void id_list(const std::vector<std::string_view>& ids) {
    if (ids.empty()) return skip();
    ojson a = ojson::array();
    for (std::string_view id : ids) a.push_back(std::string(id));
    put(std::move(a));
  }
  /// The record as one line of JSON; starts the next record.
  std::string end_record() {
    std::string line = record_.dump();
    record_ = ojson();
    column_ = 0;
    return line;
  }

 private:
  void put(ojson value) { record_[std::string(columns_[column_++].name)] = std::move(value); }
  void skip() { ++column_; }
  std::span<const detail::ColumnSpec> columns_;
  const CodeTable& codes_;
  ojson record_;
  std::size_t column_ = 0;
};

template <class Fields>
void area_fields(Fields& f, const Instance&, const Area& a) {
  f.text(a.id);
  f.optional_text(a.name);
  f.number(a.lat);
  f.number(a.lon);
}

template <class Fields>
void citizen_fields(Fields& f, const Instance& in, const Citizen& c) {
  check_index(c.area, in.areas.size(), "citizen area");
  std::vector<std::string_view> excluded;
  for (Index k : c.excluded_companies) {
    check_index(k, in.companies.size(), "excluded company");
    excluded.push_back(id_at(in.companies, k));
  }
  f.text(c.id);
  f.text(id_at(in.areas, c.area));
  f.code(c.target_group);
  f.integer(c.age);
  f.number(c.hours);
  f.number(c.hours_tolerance);
  f.number(c.max_km);
  f.flag(c.needs_mentor);
  f.levels(c.competences);
  f.levels(c.barriers);
  f.code_list(c.languages);
  f.code_list(c.interests);
  f.integer(c.months_unemployed);
  f.id_list(excluded);
}

template <class Fields>
void company_fields(Fields& f, const Instance&, const Company& k) {
  f.text(k.id);
  f.optional_text(k.name);
  f.number(k.lat);
  f.number(k.lon);
  f.code(k.sector);
  f.optional_integer(k.employees);
  f.integer(k.supported_now);
}

template <class Fields>
void mentor_fields(Fields& f, const Instance& in, const Mentor& m) {
  check_index(m.company, in.companies.size(), "mentor company");
  f.text(m.id);
  f.text(id_at(in.companies, m.company));
  f.integer(m.capacity);
  f.integer(m.carrying_now);
  f.code_list(m.languages);
}

template <class Fields>
void opening_fields(Fields& f, const Instance& in, const Opening& o) {
  check_index(o.company, in.companies.size(), "opening company");
  f.text(o.id);
  f.text(id_at(in.companies, o.company));
  f.text(to_string(o.kind));
  f.integer(o.seats);
  f.number(o.hours_min);
  f.number(o.hours_max);
  f.levels(o.required);
  f.levels(o.desired);
  f.levels(o.barrier_limits);
  f.code_list(o.groups);
  f.optional_integer(o.age_min);
  f.optional_integer(o.age_max);
  f.flag(o.mentor_required);
  f.code(o.sector);
}

template <class Fields>
void decision_fields(Fields& f, const Instance& in, const Decision& d) {
  check_index(d.citizen, in.citizens.size(), "decision citizen");
  check_index(d.opening, in.openings.size(), "decision opening");
  if (d.mentor != kNone) check_index(d.mentor, in.mentors.size(), "decision mentor");
  f.text(id_at(in.citizens, d.citizen));
  f.text(id_at(in.openings, d.opening));
  f.text(to_string(d.kind));
  f.optional_text(d.mentor == kNone ? std::string_view() : std::string_view(id_at(in.mentors, d.mentor)));
}

template <class Fields>
void target_group_fields(Fields& f, const Instance&, const TargetGroup& g) {
  f.code(g.code);
  f.optional_text(g.name);
}

template <class Fields>
void floor_fields(Fields& f, const Instance& in, const Floor& r) {
  f.text(to_string(r.scope));
  if (r.scope == FloorScope::Group) {
    f.code(r.code);
  } else {
    check_index(r.code, in.areas.size(), "floor area");
    f.text(id_at(in.areas, r.code));
  }
  f.number(r.min_share);
}

/// One CSV file: the header and a row per record. `per_row`: bytes to reserve a row.
template <class Record, class FieldsOf>
std::string table_csv(const Instance& in, Table table, const std::vector<Record>& records, std::size_t per_row,
                      FieldsOf fields_of) {
  CsvFields f(table, 256 + records.size() * per_row, in.codes);
  for (const Record& r : records) {
    fields_of(f, in, r);
    f.end_record();
  }
  return f.take();
}

/// Appends `"name": [records one per line]`.
template <class Record, class FieldsOf>
void append_array(std::string& out, const Instance& in, Table table, const std::vector<Record>& records,
                  FieldsOf fields_of, bool& first_array) {
  out += first_array ? "{\n" : ",\n";
  first_array = false;
  out += " \"";
  out += to_string(table);
  out += "\": [";
  JsonFields f(table, in.codes);
  bool first = true;
  for (const Record& r : records) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    fields_of(f, in, r);
    out += f.end_record();
  }
  out += first ? "]" : "\n ]";
}

// The instance's files, each built by `Emit` from its field list.
template <class Emit>
void each_table(const Instance& in, Emit&& emit) {
  emit(Table::Areas, in.areas, 64, [](auto& f, const Instance& i, const Area& r) { area_fields(f, i, r); });
  emit(Table::Citizens, in.citizens, 160, [](auto& f, const Instance& i, const Citizen& r) { citizen_fields(f, i, r); });
  emit(Table::Companies, in.companies, 96, [](auto& f, const Instance& i, const Company& r) { company_fields(f, i, r); });
  emit(Table::Mentors, in.mentors, 48, [](auto& f, const Instance& i, const Mentor& r) { mentor_fields(f, i, r); });
  emit(Table::Openings, in.openings, 128, [](auto& f, const Instance& i, const Opening& r) { opening_fields(f, i, r); });
  emit(Table::Decisions, in.decisions, 40, [](auto& f, const Instance& i, const Decision& r) { decision_fields(f, i, r); });
  // An instance without target groups uses the contract's default set: then the file is
  // left out (a header-only file would declare "no target groups at all").
  if (!in.target_groups.empty())
    emit(Table::TargetGroups, in.target_groups, 64,
         [](auto& f, const Instance& i, const TargetGroup& r) { target_group_fields(f, i, r); });
  if (!in.floors.empty())  // floors.csv is optional (contract section 12)
    emit(Table::Floors, in.floors, 40, [](auto& f, const Instance& i, const Floor& r) { floor_fields(f, i, r); });
}

}  // namespace

void write_instance_csv(const Instance& instance, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create folder " + dir.string() + ": " + ec.message());
  // Build every file before writing any, so a broken instance leaves nothing behind.
  std::vector<std::pair<std::string, std::string>> files;
  each_table(instance, [&](Table table, const auto& records, std::size_t per_row, auto fields_of) {
    files.emplace_back(std::string(to_string(table)) + ".csv", table_csv(instance, table, records, per_row, fields_of));
  });
  for (const auto& [name, content] : files) write_file_atomically(dir / name, content);
}

std::string instance_json_text(const Instance& in) {
  std::string out;
  out.reserve(256 + in.citizens.size() * 260 + in.openings.size() * 200);
  bool first_array = true;
  try {
    each_table(in, [&](Table table, const auto& records, std::size_t, auto fields_of) {
      append_array(out, in, table, records, fields_of, first_array);
    });
  } catch (const nlohmann::json::exception& e) {
    // e.g. a name that is not valid UTF-8
    throw std::runtime_error(std::string("write_instance_json: ") + e.what());
  }
  out += "\n}\n";
  return out;
}

void write_instance_json(const Instance& in, const std::filesystem::path& file) {
  write_file_atomically(file, instance_json_text(in));
}

namespace {
// Fault injection for the crash tests (tests/faults_test.cpp), POSIX only: with
// PLACEMATCH_FAULT_INJECT=kill-mid-write the process kills itself (SIGKILL, like a power
// cut or the OOM killer) after writing half of the temporary file; with
// kill-before-rename, after the temporary file is complete but before the rename. Read
// once per write; unset in normal use.
#ifdef PLACEMATCH_POSIX_IO
bool fault_at(const char* point) {
  const char* v = std::getenv("PLACEMATCH_FAULT_INJECT");
  return v != nullptr && std::strcmp(v, point) == 0;
}
#endif
}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  namespace fs = std::filesystem;
  static std::atomic<unsigned> counter{0};
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string tmp_name(1, '.');
  tmp_name.append(path.filename().string());
  tmp_name.append(".tmp.");
#ifdef PLACEMATCH_POSIX_IO
  tmp_name.append(std::to_string(static_cast<long>(::getpid())));
  tmp_name.push_back('.');
#endif
  tmp_name.append(std::to_string(counter.fetch_add(1)));
  const fs::path tmp = dir / tmp_name;
  auto fail = [&](const std::string& what) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw std::runtime_error("cannot write " + path.string() + ": " + what);
  };
#ifdef PLACEMATCH_POSIX_IO
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int err = errno;
    throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(err));
  }
  const char* p = content.data();
  std::size_t left = content.size();
  const bool kill_mid_write = fault_at("kill-mid-write");
  while (left > 0) {
    const std::size_t want = kill_mid_write ? std::min(left, content.size() / 2 + 1) : left;
    const ssize_t n = ::write(fd, p, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      fail(std::strerror(err));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
    if (kill_mid_write) ::kill(::getpid(), SIGKILL);  // the temporary file half written
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    fail(std::strerror(err));
  }
  if (::close(fd) != 0) fail(std::strerror(errno));
  if (kill_mid_write || fault_at("kill-before-rename")) ::kill(::getpid(), SIGKILL);
#else
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) fail("cannot create a temporary file");
    f.write(content.data(), static_cast<std::streamsize>(content.size()));
    f.flush();
    if (!f) fail("write failed");
  }
#endif
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) fail(ec.message());
}

}  // namespace placematch
