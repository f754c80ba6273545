// Writers of the data contract's instance formats (CSV folder, instance.json) and the
// atomic file write they share.
//
// CSV: one std::string per file, built by appending (numbers through std::to_chars, the
// shortest representation that reads back to the same double), RFC 4180 quoting only
// where a cell needs it. JSON: one record per line, keys in the CSV column order.
// Every file is written to a temporary file in the target folder and renamed over the
// target, so a reader sees the old file or the complete new one. O(size of the output).
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

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

// ---------------------------------------------------------------- CSV text building

/// CSV cells of the instance's own kinds, on the one CSV writer (detail/csv.hpp).
class CsvBuilder : public detail::CsvWriter {
 public:
  CsvBuilder(detail::Table table, std::size_t reserve) : CsvWriter(reserve) {
    header(detail::columns_of(table));
  }
  void number(double v) { plain(format_shortest(v)); }
  template <class T>
  void optional_integer(const std::optional<T>& v) {
    if (v)
      integer(*v);
    else
      empty();
  }
  /// A list cell `code:level;code:level`.
  void levels(const CodeLevels& list, const CodeTable& codes) {
    scratch_.clear();
    for (const CodeLevel& cl : list) {
      if (!scratch_.empty()) scratch_.push_back(';');
      scratch_.append(codes.name(cl.code));
      scratch_.push_back(':');
      scratch_.append(std::to_string(cl.level));
    }
    text(scratch_);
  }
  void code_list(const Codes& list, const CodeTable& codes) {
    scratch_.clear();
    for (CodeId c : list) {
      if (!scratch_.empty()) scratch_.push_back(';');
      scratch_.append(codes.name(c));
    }
    text(scratch_);
  }
  void code(CodeId c, const CodeTable& codes) {
    if (c == kNone)
      empty();
    else
      text(codes.name(c));
  }

 private:
  std::string scratch_;
};

template <class Table>
const std::string& id_at(const Table& table, Index i) {
  return table[static_cast<std::size_t>(i)].id;
}

void check_index(Index i, std::size_t size, const char* what) {
  if (i < 0 || static_cast<std::size_t>(i) >= size)
    throw std::runtime_error(std::string("write_instance: ") + what + " index out of range");
}

std::string areas_csv(const Instance& in) {
  CsvBuilder b(detail::Table::Areas, 64 + in.areas.size() * 64);
  for (const Area& a : in.areas) {
    b.text(a.id);
    b.text(a.name);
    b.number(a.lat);
    b.number(a.lon);
    b.end_row();
  }
  return std::move(b.str());
}

std::string citizens_csv(const Instance& in) {
  CsvBuilder b(detail::Table::Citizens, 256 + in.citizens.size() * 160);
  std::string excluded;
  for (const Citizen& c : in.citizens) {
    check_index(c.area, in.areas.size(), "citizen area");
    b.text(c.id);
    b.text(id_at(in.areas, c.area));
    b.code(c.target_group, in.codes);
    b.integer(c.age);
    b.number(c.hours);
    b.number(c.hours_tolerance);
    b.number(c.max_km);
    b.flag(c.needs_mentor);
    b.levels(c.competences, in.codes);
    b.levels(c.barriers, in.codes);
    b.code_list(c.languages, in.codes);
    b.code_list(c.interests, in.codes);
    b.integer(c.months_unemployed);
    excluded.clear();
    for (Index k : c.excluded_companies) {
      check_index(k, in.companies.size(), "excluded company");
      if (!excluded.empty()) excluded.push_back(';');
      excluded.append(id_at(in.companies, k));
    }
    b.text(excluded);
    b.end_row();
  }
  return std::move(b.str());
}

std::string companies_csv(const Instance& in) {
  CsvBuilder b(detail::Table::Companies, 128 + in.companies.size() * 96);
  for (const Company& k : in.companies) {
    b.text(k.id);
    b.text(k.name);
    b.number(k.lat);
    b.number(k.lon);
    b.code(k.sector, in.codes);
    b.optional_integer(k.employees);
    b.integer(k.supported_now);
    b.end_row();
  }
  return std::move(b.str());
}

std::string mentors_csv(const Instance& in) {
  CsvBuilder b(detail::Table::Mentors, 64 + in.mentors.size() * 48);
  for (const Mentor& m : in.mentors) {
    check_index(m.company, in.companies.size(), "mentor company");
    b.text(m.id);
    b.text(id_at(in.companies, m.company));
    b.integer(m.capacity);
    b.integer(m.carrying_now);
    b.code_list(m.languages, in.codes);
    b.end_row();
  }
  return std::move(b.str());
}

std::string openings_csv(const Instance& in) {
  CsvBuilder b(detail::Table::Openings, 256 + in.openings.size() * 128);
  for (const Opening& o : in.openings) {
    check_index(o.company, in.companies.size(), "opening company");
    b.text(o.id);
    b.text(id_at(in.companies, o.company));
    b.text(to_string(o.kind));
    b.integer(o.seats);
    b.number(o.hours_min);
    b.number(o.hours_max);
    b.levels(o.required, in.codes);
    b.levels(o.desired, in.codes);
    b.levels(o.barrier_limits, in.codes);
    b.code_list(o.groups, in.codes);
    b.optional_integer(o.age_min);
    b.optional_integer(o.age_max);
    b.flag(o.mentor_required);
    b.code(o.sector, in.codes);
    b.end_row();
  }
  return std::move(b.str());
}

std::string decisions_csv(const Instance& in) {
  CsvBuilder b(detail::Table::Decisions, 64 + in.decisions.size() * 40);
  for (const Decision& d : in.decisions) {
    check_index(d.citizen, in.citizens.size(), "decision citizen");
    check_index(d.opening, in.openings.size(), "decision opening");
    b.text(id_at(in.citizens, d.citizen));
    b.text(id_at(in.openings, d.opening));
    b.text(to_string(d.kind));
    if (d.mentor == kNone) {
      b.empty();
    } else {
      check_index(d.mentor, in.mentors.size(), "decision mentor");
      b.text(id_at(in.mentors, d.mentor));
    }
    b.end_row();
  }
  return std::move(b.str());
}

std::string target_groups_csv(const Instance& in) {
  CsvBuilder b(detail::Table::TargetGroups, 64 + in.target_groups.size() * 64);
  for (const TargetGroup& g : in.target_groups) {
    b.code(g.code, in.codes);
    b.text(g.name);
    b.end_row();
  }
  return std::move(b.str());
}

// ---------------------------------------------------------------- JSON

using ojson = nlohmann::ordered_json;

ojson levels_json(const CodeLevels& list, const CodeTable& codes) {
  ojson a = ojson::array();
  for (const CodeLevel& cl : list) a.push_back(codes.name(cl.code) + ':' + std::to_string(cl.level));
  return a;
}
ojson codes_json(const Codes& list, const CodeTable& codes) {
  ojson a = ojson::array();
  for (CodeId c : list) a.push_back(codes.name(c));
  return a;
}

/// Appends `"name": [records one per line]`.
template <class Table, class Fn>
void append_array(std::string& out, const char* name, const Table& table, Fn&& to_json,
                  bool& first_array) {
  out += first_array ? "{\n" : ",\n";
  first_array = false;
  out += " \"";
  out += name;
  out += "\": [";
  bool first = true;
  for (const auto& rec : table) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += to_json(rec).dump();
  }
  out += first ? "]" : "\n ]";
}

}  // namespace

void write_instance_csv(const Instance& instance, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create folder " + dir.string() + ": " + ec.message());
  // Build every file before writing any, so a broken instance leaves nothing behind.
  const std::string areas = areas_csv(instance), citizens = citizens_csv(instance),
                    companies = companies_csv(instance), mentors = mentors_csv(instance),
                    openings = openings_csv(instance), decisions = decisions_csv(instance);
  write_file_atomically(dir / "areas.csv", areas);
  write_file_atomically(dir / "citizens.csv", citizens);
  write_file_atomically(dir / "companies.csv", companies);
  write_file_atomically(dir / "mentors.csv", mentors);
  write_file_atomically(dir / "openings.csv", openings);
  write_file_atomically(dir / "decisions.csv", decisions);
  // An instance without target groups uses the contract's default set: then the file is
  // left out (a header-only file would declare "no target groups at all").
  if (!instance.target_groups.empty())
    write_file_atomically(dir / "target_groups.csv", target_groups_csv(instance));
}

void write_instance_json(const Instance& in, const std::filesystem::path& file) {
  const CodeTable& codes = in.codes;
  std::string out;
  out.reserve(256 + in.citizens.size() * 260 + in.openings.size() * 200);
  bool first_array = true;
  try {
    append_array(out, "areas", in.areas, [](const Area& a) {
      ojson j;
      j["id"] = a.id;
      if (!a.name.empty()) j["name"] = a.name;
      j["lat"] = a.lat;
      j["lon"] = a.lon;
      return j;
    }, first_array);
    append_array(out, "citizens", in.citizens, [&](const Citizen& c) {
      check_index(c.area, in.areas.size(), "citizen area");
      ojson j;
      j["id"] = c.id;
      j["area"] = id_at(in.areas, c.area);
      if (c.target_group != kNone) j["target_group"] = codes.name(c.target_group);
      j["age"] = c.age;
      j["hours"] = c.hours;
      j["hours_tolerance"] = c.hours_tolerance;
      j["max_km"] = c.max_km;
      j["needs_mentor"] = c.needs_mentor;
      if (!c.competences.empty()) j["competences"] = levels_json(c.competences, codes);
      if (!c.barriers.empty()) j["barriers"] = levels_json(c.barriers, codes);
      if (!c.languages.empty()) j["languages"] = codes_json(c.languages, codes);
      if (!c.interests.empty()) j["interests"] = codes_json(c.interests, codes);
      j["months_unemployed"] = c.months_unemployed;
      if (!c.excluded_companies.empty()) {
        ojson a = ojson::array();
        for (Index k : c.excluded_companies) {
          check_index(k, in.companies.size(), "excluded company");
          a.push_back(id_at(in.companies, k));
        }
        j["excluded_companies"] = std::move(a);
      }
      return j;
    }, first_array);
    append_array(out, "companies", in.companies, [&](const Company& k) {
      ojson j;
      j["id"] = k.id;
      if (!k.name.empty()) j["name"] = k.name;
      j["lat"] = k.lat;
      j["lon"] = k.lon;
      if (k.sector != kNone) j["sector"] = codes.name(k.sector);
      if (k.employees) j["employees"] = *k.employees;
      j["supported_now"] = k.supported_now;
      return j;
    }, first_array);
    append_array(out, "mentors", in.mentors, [&](const Mentor& m) {
      check_index(m.company, in.companies.size(), "mentor company");
      ojson j;
      j["id"] = m.id;
      j["company"] = id_at(in.companies, m.company);
      j["capacity"] = m.capacity;
      j["carrying_now"] = m.carrying_now;
      if (!m.languages.empty()) j["languages"] = codes_json(m.languages, codes);
      return j;
    }, first_array);
    append_array(out, "openings", in.openings, [&](const Opening& o) {
      check_index(o.company, in.companies.size(), "opening company");
      ojson j;
      j["id"] = o.id;
      j["company"] = id_at(in.companies, o.company);
      j["kind"] = std::string(to_string(o.kind));
      j["seats"] = o.seats;
      j["hours_min"] = o.hours_min;
      j["hours_max"] = o.hours_max;
      if (!o.required.empty()) j["requires"] = levels_json(o.required, codes);
      if (!o.desired.empty()) j["desires"] = levels_json(o.desired, codes);
      if (!o.barrier_limits.empty()) j["barrier_limits"] = levels_json(o.barrier_limits, codes);
      if (!o.groups.empty()) j["groups"] = codes_json(o.groups, codes);
      if (o.age_min) j["age_min"] = *o.age_min;
      if (o.age_max) j["age_max"] = *o.age_max;
      j["mentor_required"] = o.mentor_required;
      if (o.sector != kNone) j["sector"] = codes.name(o.sector);
      return j;
    }, first_array);
    append_array(out, "decisions", in.decisions, [&](const Decision& d) {
      check_index(d.citizen, in.citizens.size(), "decision citizen");
      check_index(d.opening, in.openings.size(), "decision opening");
      ojson j;
      j["citizen"] = id_at(in.citizens, d.citizen);
      j["opening"] = id_at(in.openings, d.opening);
      j["decision"] = std::string(to_string(d.kind));
      if (d.mentor != kNone) {
        check_index(d.mentor, in.mentors.size(), "decision mentor");
        j["mentor"] = id_at(in.mentors, d.mentor);
      }
      return j;
    }, first_array);
    if (!in.target_groups.empty())
      append_array(out, "target_groups", in.target_groups, [&](const TargetGroup& g) {
        ojson j;
        j["code"] = codes.name(g.code);
        if (!g.name.empty()) j["name"] = g.name;
        return j;
      }, first_array);
  } catch (const nlohmann::json::exception& e) {
    // e.g. a name that is not valid UTF-8
    throw std::runtime_error(std::string("write_instance_json: ") + e.what());
  }
  out += "\n}\n";
  write_file_atomically(file, out);
}

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
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      fail(std::strerror(err));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    fail(std::strerror(err));
  }
  if (::close(fd) != 0) fail(std::strerror(errno));
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
