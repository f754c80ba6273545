// The input limits (src/detail/limits.hpp, README "Limits"): every reader refuses a cell,
// a record, a file, a list, a count of records or of JSON values over its limit with a
// located input error — never an out-of-memory kill — and accepts what is at the limit.
// Oversize files are generated here; the default limits are used where such a file is
// cheap to make (a sparse file for the file size), lowered limits (LimitsGuard) where the
// default would need a huge file (the same code path with a smaller number).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "detail/csv.hpp"
#include "detail/limits.hpp"
#include "placematch/io/previous.hpp"
#include "placematch/io/weights.hpp"
#include "placematch/io/files.hpp"
#include "test_files.hpp"

namespace fs = std::filesystem;
using namespace placematch;
using detail::input_limits;
using detail::InputLimits;
using detail::LimitsGuard;

namespace {

using Files = std::map<std::string, std::string>;

const char* kAreasHeader = "id,name,lat,lon\n";

Files small_instance() {
  return {
      {"areas.csv", std::string(kAreasHeader) + "a1,Parken,54.92,9.76\n"},
      {"citizens.csv",
       "id,area,age,hours,max_km,languages\nc1,a1,30,10,15,da\n"},
      {"companies.csv", "id,name,lat,lon\nk1,Firma,54.93,9.77\n"},
      {"openings.csv", "id,company,kind,hours_min,hours_max\no1,k1,small_job,5,20\n"},
  };
}

fs::path write(const pmtest::TempDir& dir, const Files& files) {
  for (const auto& [name, text] : files) std::ofstream(dir.path() / name, std::ios::binary) << text;
  return dir.path();
}

std::string all(const Diagnostics& ds) {
  std::string s;
  for (const auto& d : ds) s += d.str() + "\n";
  return s;
}

// Exactly one error, at `where` / `column`, its message holding `words`.
void expect_one(const LoadResult& r, const std::string& where, const std::string& column,
                const std::string& words) {
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_EQ(r.errors[0].where, where) << all(r.errors);
  EXPECT_EQ(r.errors[0].column, column) << all(r.errors);
  EXPECT_NE(r.errors[0].message.find(words), std::string::npos) << all(r.errors);
  EXPECT_FALSE(r.instance.has_value());
}

}  // namespace

TEST(Limits, SmallInstanceLoads) {
  pmtest::TempDir dir("limits", "small");
  LoadResult r = load_instance(write(dir, small_instance()));
  EXPECT_TRUE(r.ok()) << all(r.errors);
}

TEST(Limits, CellAtAndOverTheLimit) {
  const std::size_t limit = input_limits().cell_bytes;
  ASSERT_EQ(limit, 65536u);  // the documented default
  for (bool quoted : {false, true}) {
    pmtest::TempDir dir("limits", std::string("cell") + (quoted ? "q" : ""));
    Files f = small_instance();
    const std::string q = quoted ? "\"" : "";
    f["areas.csv"] += "a2," + q + std::string(limit, 'n') + q + ",54.9,9.7\n";
    EXPECT_TRUE(load_instance(write(dir, f)).ok()) << "a cell of exactly the limit is accepted";
    f["areas.csv"] += "a3," + q + std::string(limit + 1, 'n') + q + ",54.9,9.7\n";
    expect_one(load_instance(write(dir, f)), "areas.csv:4", "name", "cell longer than the limit of 65,536 bytes");
  }
}

TEST(Limits, CellsPerRecord) {
  const std::size_t limit = input_limits().cells_per_record;
  ASSERT_EQ(limit, 256u);
  pmtest::TempDir dir("limits", "cells");
  Files f = small_instance();
  std::string row = "a2,n,54.9,9.7";
  for (std::size_t i = 4; i <= limit; ++i) row += ",";
  f["areas.csv"] += row + "\n";  // limit + 1 cells
  expect_one(load_instance(write(dir, f)), "areas.csv:3", "row", "more than 256 cells in one record");
  // The header too: 257 columns.
  f = small_instance();
  std::string header = "id,name,lat,lon";
  for (std::size_t i = 4; i <= limit; ++i) header += ",x" + std::to_string(i);
  f["areas.csv"] = header + "\n";
  LoadResult r = load_instance(write(dir, f));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].str().rfind("areas.csv:1: row: header: more than 256 cells", 0), 0u) << all(r.errors);
}

TEST(Limits, RecordLongerThanTheLimit) {
  const std::size_t limit = input_limits().record_bytes;
  ASSERT_EQ(limit, 1u << 20);
  pmtest::TempDir dir("limits", "record");
  Files f = small_instance();
  // 20 cells of 60,000 bytes: each cell within its limit, the record over its own.
  std::string row = "a2,n,54.9,9.7";
  for (int i = 0; i < 20; ++i) row += "," + std::string(60000, 'x');
  f["areas.csv"] += row + "\n" + "a3,m,54.9,9.7\n";
  expect_one(load_instance(write(dir, f)), "areas.csv:3", "row", "record longer than the limit of 1,048,576 bytes");
  // A quoted cell's line breaks count: a record over many physical lines.
  f = small_instance();
  std::string lines;
  for (int i = 0; i < 40; ++i) lines += std::string(30000, 'y') + "\n";
  f["areas.csv"] += "a2,\"" + lines + "\",54.9,9.7\n";
  LoadResult r = load_instance(write(dir, f));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].where, "areas.csv:3") << all(r.errors);
}

TEST(Limits, ListItems) {
  const std::size_t limit = input_limits().list_items;
  ASSERT_EQ(limit, 1000u);
  pmtest::TempDir dir("limits", "list");
  auto with_languages = [&](std::size_t n) {
    Files f = small_instance();
    std::string list;
    for (std::size_t i = 0; i < n; ++i) list += (i ? ";" : "") + ("l" + std::to_string(i));
    f["citizens.csv"] = "id,area,age,hours,max_km,languages\nc1,a1,30,10,15," + list + "\n";
    return load_instance(write(dir, f));
  };
  EXPECT_TRUE(with_languages(limit).ok());
  expect_one(with_languages(limit + 1), "citizens.csv:2", "languages", "more than 1,000 items in one list");
}

TEST(Limits, FileSizeCsvAndJson) {
  const std::uint64_t limit = input_limits().file_bytes;
  ASSERT_EQ(limit, 256ull << 20);
  pmtest::TempDir dir("limits", "file");
  write(dir, small_instance());
  // A sparse file: over the limit without writing (or reading) 256 MiB.
  fs::resize_file(dir.path() / "companies.csv", limit + 1);
  expect_one(load_instance(dir.path()), "companies.csv:0", "file",
             "larger than the limit of 268,435,456 bytes (268,435,457 bytes)");

  pmtest::TempDir jdir("limits", "jfile");
  std::ofstream(jdir.path() / "instance.json") << "{}";
  fs::resize_file(jdir.path() / "instance.json", limit + 1);
  expect_one(load_instance(jdir.path()), "instance.json:0", "file", "larger than the limit");
}

TEST(Limits, EndlessDeviceIsCutAtTheLimit) {
  if (!fs::exists("/dev/zero")) GTEST_SKIP() << "no /dev/zero";
  InputLimits small;
  small.file_bytes = 1u << 20;  // read at most 1 MiB of the endless stream
  LimitsGuard guard(small);
  expect_one(load_instance("/dev/zero"), "zero:0", "file", "larger than the limit of 1,048,576 bytes");
}

TEST(Limits, RecordsPerFileCsv) {
  InputLimits small;
  small.records_per_file = 5;
  LimitsGuard guard(small);
  pmtest::TempDir dir("limits", "records");
  Files f = small_instance();
  for (int i = 2; i <= 5; ++i) f["areas.csv"] += "a" + std::to_string(i) + ",n,54.9,9.7\n";
  EXPECT_TRUE(load_instance(write(dir, f)).ok()) << "five records: at the limit";
  f["areas.csv"] += "a6,n,54.9,9.7\na7,n,54.9,9.7\n";
  expect_one(load_instance(write(dir, f)), "areas.csv:7", "row", "more than 5 records in one file");
}

TEST(Limits, RecordsPerFileAndValuesJson) {
  const std::string base =
      R"({"citizens": [{"id": "c1", "area": "a1", "age": 30, "hours": 10, "max_km": 15}],
          "companies": [{"id": "k1", "lat": 54.93, "lon": 9.77}],
          "openings": [{"id": "o1", "company": "k1", "kind": "small_job", "hours_min": 5, "hours_max": 20}],
          "areas": [)";
  auto areas = [](int n) {
    std::string s;
    for (int i = 1; i <= n; ++i)
      s += std::string(i > 1 ? "," : "") + R"({"id": "a)" + std::to_string(i) + R"(", "lat": 54.9, "lon": 9.7})";
    return s + "]}";
  };
  pmtest::TempDir dir("limits", "json");
  const fs::path file = dir.path() / "instance.json";
  {
    InputLimits small;
    small.records_per_file = 5;
    LimitsGuard guard(small);
    std::ofstream(file) << base + areas(5);
    EXPECT_TRUE(load_instance(file).ok());
    std::ofstream(file) << base + areas(6);
    expect_one(load_instance(file), "instance.json:0", "file", "\"areas\": more than 5 records");
  }
  {
    InputLimits small;
    small.json_values = 60;
    LimitsGuard guard(small);
    std::ofstream(file) << base + areas(40);
    expect_one(load_instance(file), "instance.json:0", "file", "more than 60 JSON values");
  }
  // A string value over the cell limit (default limits), and a list over its limit.
  std::ofstream(file) << base + R"({"id": "a1", "lat": 54.9, "lon": 9.7, "name": ")" +
                             std::string(input_limits().cell_bytes + 1, 'n') + "\"}]}";
  expect_one(load_instance(file), "instance.json:areas[0]", "name", "value longer than the limit of 65,536 bytes");
  std::string list;
  for (int i = 0; i <= 1000; ++i) list += std::string(i ? "," : "") + "\"l" + std::to_string(i) + "\"";
  std::string with_list = base + areas(1);
  with_list.replace(with_list.find("\"max_km\": 15"), 12, "\"max_km\": 15, \"languages\": [" + list + "]");
  std::ofstream(file) << with_list;
  expect_one(load_instance(file), "instance.json:citizens[0]", "languages", "more than 1,000 items");
}

TEST(Limits, WeightsFile) {
  pmtest::TempDir dir("limits", "weights");
  const fs::path file = dir.path() / "w.json";
  std::ofstream(file) << "{\"distance\": 0.3" << std::string(input_limits().side_file_bytes, ' ') << "}";
  try {
    load_weights(file);
    ADD_FAILURE() << "a weights file over the limit was accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].where, "w.json:0");
    EXPECT_NE(e.errors()[0].message.find("larger than the limit of 1,048,576 bytes"), std::string::npos);
  }
}

TEST(Limits, EarlierPlanFile) {
  pmtest::TempDir dir("limits", "previous");
  const fs::path file = dir.path() / "plan.json";
  const std::string plan = R"({"format": "placematch-result/2", "placements": [)"
                           R"({"citizen": "c1", "opening": "o1"}, {"citizen": "c2", "opening": "o1"}]})";
  std::ofstream(file) << plan;
  auto message_of = [&] {
    try {
      read_previous_plan(file);
    } catch (const InputError& e) {
      EXPECT_EQ(e.errors().size(), 1u);
      EXPECT_EQ(e.errors()[0].where, "plan.json:0");
      return e.errors()[0].message;
    }
    return std::string("accepted");
  };
  EXPECT_EQ(read_previous_plan(file).placements.size(), 2u);  // within the default limits
  InputLimits small = input_limits();
  small.file_bytes = plan.size() - 1;
  {
    LimitsGuard guard(small);
    EXPECT_NE(message_of().find("larger than the limit of " + std::to_string(plan.size() - 1) + " bytes"),
              std::string::npos);
  }
  small = input_limits();
  small.json_values = 8;  // counted before parsing: 1 + 4 brackets + 4 commas = 9
  {
    LimitsGuard guard(small);
    EXPECT_NE(message_of().find("more than 8 JSON values"), std::string::npos) << message_of();
  }
  std::ofstream(file, std::ios::trunc) << std::string(33, '[') + std::string(33, ']');
  EXPECT_NE(message_of().find("nested more than 32 levels"), std::string::npos) << message_of();
}

TEST(Limits, CsvReaderKeepsBoundedMemoryPastALimit) {
  InputLimits small;
  small.cell_bytes = 4;
  small.cells_per_record = 3;
  LimitsGuard guard(small);
  auto p = detail::parse_csv("a,bbbbb,c\nd,e,f,g,h\ni,j,k\n");
  ASSERT_EQ(p.records.size(), 3u);
  ASSERT_TRUE(p.records[0].problem);
  EXPECT_EQ(p.records[0].problem->cell, 1u);
  EXPECT_TRUE(p.records[0].cells[1].empty()) << "an over-long cell is not kept";
  ASSERT_TRUE(p.records[1].problem);
  EXPECT_EQ(p.records[1].cells.size(), 3u) << "cells past the limit are not kept";
  EXPECT_FALSE(p.records[2].problem);
  EXPECT_EQ(p.records[2].line, 3u) << "the next record starts where it should";
}
