// Contract 1.1 v2: near-miss column names are errors with "did you mean", the Danish
// spreadsheet dialect (';', decimal comma, Windows-1252) reads exactly as the comma files,
// dialects mix file by file, and a file-level problem is one message without a cascade.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <map>
#include <set>

#include "candidates_support.hpp"
#include "detail/csv.hpp"
#include "placematch/candidates/candidates.hpp"
#include "placematch/io/files.hpp"
#include "placematch/report/report.hpp"
#include "placematch/synth/generate.hpp"
#include "test_files.hpp"

namespace fs = std::filesystem;
using namespace placematch;

namespace {

// The oracle: breadth-first search over single edits (insert, delete, substitute with a
// letter of the alphabet, swap two adjacent letters); the true distance is the depth.
std::size_t edit_bfs(const std::string& a, const std::string& b, const std::string& alphabet) {
  std::map<std::string, std::size_t> seen{{a, 0}};
  std::deque<std::string> queue{a};
  const std::size_t cap = a.size() + b.size();
  while (!queue.empty()) {
    std::string s = queue.front();
    queue.pop_front();
    const std::size_t d = seen[s];
    if (s == b) return d;
    if (s.size() > std::max(a.size(), b.size()) + 1) continue;  // longer strings never help
    std::vector<std::string> next;
    for (std::size_t i = 0; i <= s.size(); ++i)
      for (char c : alphabet) next.push_back(s.substr(0, i) + c + s.substr(i));
    for (std::size_t i = 0; i < s.size(); ++i) {
      next.push_back(s.substr(0, i) + s.substr(i + 1));
      for (char c : alphabet)
        if (c != s[i]) next.push_back(s.substr(0, i) + c + s.substr(i + 1));
      if (i + 1 < s.size()) {
        std::string t = s;
        std::swap(t[i], t[i + 1]);
        next.push_back(t);
      }
    }
    for (std::string& t : next)
      if (d + 1 <= cap && seen.emplace(t, d + 1).second) queue.push_back(std::move(t));
  }
  return cap;
}

std::string write_tables(const fs::path& dir, const std::map<std::string, std::string>& files) {
  fs::create_directories(dir);
  for (const auto& [name, text] : files) std::ofstream(dir / name, std::ios::binary) << text;
  return dir.string();
}

std::map<std::string, std::string> small_files() {
  return {
      {"areas.csv", "id,name,lat,lon\na1,Stenbjergparken,54.92,9.76\na2,\"Kl\xC3\xB8ver-/Hvedemarken\",54.90,9.80\n"},
      {"citizens.csv",
       "id,area,target_group,age,hours,hours_tolerance,max_km,needs_mentor,competences\n"
       "c1,a1,6.2,30,7.5,2,15,0,forklift:3;danish:2\nc2,a2,,40,8,,20.25,1,\n"},
      {"companies.csv", "id,name,lat,lon,sector,employees\nk1,N\xC3\xA6r ApS,54.93,9.77,retail,12\n"},
      {"mentors.csv", "id,company,capacity\nm1,k1,2\n"},
      {"openings.csv", "id,company,kind,seats,hours_min,hours_max\no1,k1,internship,2,5,37\n"},
  };
}

bool has(const Diagnostics& list, const std::string& line) {
  return std::any_of(list.begin(), list.end(), [&](const Diagnostic& d) { return d.str() == line; });
}

std::string all(const Diagnostics& list) {
  std::string s;
  for (const Diagnostic& d : list) s += d.str() + "\n";
  return s;
}

// UTF-8 text of Latin-1 letters as Windows-1252 (the letters the generator uses).
std::string to_cp1252(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c == 0xC2 || c == 0xC3) && i + 1 < s.size()) {
      out += static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool number_with_point(const std::string& cell) {
  if (cell.empty() || cell.find('.') == std::string::npos) return false;
  return std::all_of(cell.begin(), cell.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-'; }) &&
         std::count(cell.begin(), cell.end(), '.') == 1 && cell.front() != '.' && cell.back() != '.';
}

// A comma file re-saved as Danish Excel would: ';', decimal comma, CRLF, Windows-1252.
std::string to_danish(const std::string& comma_text, bool cp1252) {
  detail::CsvParse p = detail::parse_csv(comma_text);
  std::string out;
  // The number columns (codes such as target group 6.3 keep their point).
  static const std::set<std::string> numbers = {"lat", "lon", "hours", "hours_tolerance", "max_km",
                                                "hours_min", "hours_max"};
  const std::vector<std::string>& header = p.records.at(0).cells;
  for (const detail::CsvRecord& r : p.records) {
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      std::string cell = r.cells[i];
      if (r.line > 1 && numbers.count(header[i]) && number_with_point(cell))
        std::replace(cell.begin(), cell.end(), '.', ',');
      if (cell.find_first_of(";\"\r\n") != std::string::npos) {
        std::string q = "\"";
        for (char c : cell) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        cell = q + "\"";
      }
      out += (i ? ";" : "") + cell;
    }
    out += "\r\n";
  }
  return cp1252 ? to_cp1252(out) : out;
}

std::string everything_of(const Instance& in) {
  CandidateGraph g = build_candidates(in, {});
  std::string s = candidates_csv(in, g, true, ScoreWeights{}) + instance_summary(in);
  for (const Area& a : in.areas) s += a.id + "|" + a.name + "|" + format_fixed(a.lat, 9) + "\n";
  for (const Company& k : in.companies) s += k.id + "|" + k.name + "\n";
  for (const Citizen& c : in.citizens)
    s += c.id + "|" + format_fixed(c.hours, 9) + "|" + format_fixed(c.hours_tolerance, 9) + "|" +
         format_fixed(c.max_km, 9) + "\n";
  for (const Opening& o : in.openings)
    s += o.id + "|" + format_fixed(o.hours_min, 9) + "|" + format_fixed(o.hours_max, 9) + "\n";
  return s;
}

}  // namespace

TEST(NearMiss, DamerauLevenshteinAgreesWithBreadthFirstSearch) {
  pmtest::Rng r(2026);
  const std::string alphabet = "abc";
  for (int round = 0; round < 300; ++round) {
    std::string a, b;
    const int la = r.integer(0, 4), lb = r.integer(0, 4);
    for (int i = 0; i < la; ++i) a += alphabet[static_cast<std::size_t>(r.integer(0, 2))];
    for (int i = 0; i < lb; ++i) b += alphabet[static_cast<std::size_t>(r.integer(0, 2))];
    EXPECT_EQ(detail::damerau_levenshtein(a, b), edit_bfs(a, b, alphabet)) << a << " -> " << b;
  }
  // The unrestricted distance, not the optimal string alignment (which gives 3).
  EXPECT_EQ(detail::damerau_levenshtein("ca", "abc"), 2u);
  EXPECT_EQ(detail::damerau_levenshtein("needs_mentr", "needs_mentor"), 1u);
}

TEST(NearMiss, TyposOfMissingColumnsAreErrorsOthersWarnings) {
  pmtest::TempDir tmp("dialect", "nearmiss");
  auto files = small_files();
  {
    auto f = files;
    f["citizens.csv"] = "id,area,age,hours,max_km,needs_mentr,favourite_colour\nc1,a1,30,10,15,1,blue\n";
    LoadResult r = load_instance(write_tables(tmp.path() / "a", f));
    EXPECT_TRUE(has(r.errors, "citizens.csv:1: needs_mentr: unknown column; did you mean \"needs_mentor\"?"))
        << all(r.errors);
    EXPECT_EQ(r.errors.size(), 1u) << all(r.errors);
    EXPECT_TRUE(has(r.warnings, "citizens.csv:1: favourite_colour: unknown column, ignored")) << all(r.warnings);
  }
  {
    // Case and spaces do not matter; a missing required column named by a near miss is
    // one message, not two.
    auto f = files;
    f["citizens.csv"] = "id, Area ,age,hours,MAX-KM\nc1,a1,30,10,15\n";
    LoadResult r = load_instance(write_tables(tmp.path() / "b", f));
    EXPECT_TRUE(has(r.errors, "citizens.csv:1: Area: unknown column; did you mean \"area\"?")) << all(r.errors);
    EXPECT_TRUE(has(r.errors, "citizens.csv:1: MAX-KM: unknown column; did you mean \"max_km\"?")) << all(r.errors);
    EXPECT_EQ(r.errors.size(), 2u) << all(r.errors);
  }
  {
    // A near miss of a column the header has is only a warning.
    auto f = files;
    f["citizens.csv"] = "id,area,age,hours,max_km,needs_mentor,needs_mentors\nc1,a1,30,10,15,1,0\n";
    LoadResult r = load_instance(write_tables(tmp.path() / "c", f));
    EXPECT_TRUE(r.ok()) << all(r.errors);
    EXPECT_TRUE(has(r.warnings, "citizens.csv:1: needs_mentors: unknown column, ignored")) << all(r.warnings);
  }
}

TEST(DanishDialect, ReadsExactlyAsTheCommaFilesAndMixesFileByFile) {
  pmtest::TempDir tmp("dialect", "same");
  GenerateOptions opt;
  opt.citizens = 300;
  opt.openings = 80;
  opt.seed = 11;
  const fs::path comma = tmp.path() / "comma";
  generate_instance_csv(opt, comma);
  LoadResult base = load_instance(comma);
  ASSERT_TRUE(base.ok()) << all(base.errors);
  const std::string want = everything_of(*base.instance);

  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(comma)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  for (int variant = 0; variant < 3; ++variant) {
    // 0: every file Danish in Windows-1252; 1: Danish in UTF-8; 2: every other file Danish.
    const fs::path dir = tmp.path() / ("da" + std::to_string(variant));
    fs::create_directories(dir);
    std::set<std::string> latin1;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string text = pmtest::slurp(comma / names[i]);
      const bool danish = variant < 2 || i % 2 == 0;
      std::string out = danish ? to_danish(text, variant == 0) : text;
      if (variant == 0 && detail::find_invalid_utf8(out) != std::string_view::npos) latin1.insert(names[i]);
      std::ofstream(dir / names[i], std::ios::binary) << out;
    }
    LoadResult r = load_instance(dir);
    ASSERT_TRUE(r.ok()) << variant << "\n" << all(r.errors);
    EXPECT_EQ(everything_of(*r.instance), want) << variant;
    // One warning per Windows-1252 file, naming it; nothing else.
    std::set<std::string> warned;
    for (const Diagnostic& d : r.warnings) {
      EXPECT_EQ(d.column, "file") << d.str();
      EXPECT_NE(d.message.find("Windows-1252"), std::string::npos) << d.str();
      warned.insert(d.where.substr(0, d.where.find(':')));
    }
    EXPECT_EQ(r.warnings.size(), latin1.size()) << all(r.warnings);
    EXPECT_EQ(warned, latin1);
    if (variant == 0) EXPECT_FALSE(latin1.empty());  // the generator's names have æ, ø or å
  }
}

TEST(DanishDialect, DecimalCommaNumbers) {
  pmtest::TempDir tmp("dialect", "numbers");
  auto f = small_files();
  f["citizens.csv"] = "id;area;age;hours;max_km;hours_tolerance\nc1;a1;30;7,5;1.500;2\nc2;a1;30;1,500,0;10;0\n";
  LoadResult r = load_instance(write_tables(tmp.path() / "a", f));
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_EQ(r.errors[0].where, "citizens.csv:3");
  EXPECT_EQ(r.errors[0].column, "hours");
  f["citizens.csv"] = "id;area;age;hours;max_km;hours_tolerance\nc1;a1;30;7,5;1.500;2\n";
  r = load_instance(write_tables(tmp.path() / "b", f));
  ASSERT_TRUE(r.ok()) << all(r.errors);
  EXPECT_EQ(r.instance->citizens[0].hours, 7.5);
  EXPECT_EQ(r.instance->citizens[0].max_km, 1.5);
  // A comma file keeps version 1: a decimal comma (quoted) is an error.
  f["citizens.csv"] = "id,area,age,hours,max_km\nc1,a1,30,\"7,5\",15\n";
  r = load_instance(write_tables(tmp.path() / "c", f));
  EXPECT_EQ(r.errors.size(), 1u) << all(r.errors);
}

TEST(DanishDialect, AFileOfNeitherDialectIsOneMessageWithoutACascade) {
  pmtest::TempDir tmp("dialect", "neither");
  auto f = small_files();
  f["areas.csv"] = "id;name,lat;lon\na1;Sten,54.92;9.76\na2;Kl,54.90;9.80\n";
  LoadResult r = load_instance(write_tables(tmp.path() / "a", f));
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_EQ(r.errors[0].where, "areas.csv:0");
  EXPECT_EQ(r.errors[0].column, "file");

  // Undecodable: a ';' file holding a byte Windows-1252 leaves undefined.
  f = small_files();
  f["companies.csv"] = "id;name;lat;lon\nk1;Bad\x81name;54,93;9,77\n";
  r = load_instance(write_tables(tmp.path() / "b", f));
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_EQ(r.errors[0].where, "companies.csv:0");
  EXPECT_EQ(r.errors[0].column, "file");
  EXPECT_NE(r.errors[0].message.find("0x81"), std::string::npos);

  // A comma file saved in Windows-1252: its bad records are located, nothing else cascades.
  f = small_files();
  f["areas.csv"] = "id,name,lat,lon\na1,Stenbjergparken,54.92,9.76\na2,Kl\xF8ver,54.90,9.80\n";
  r = load_instance(write_tables(tmp.path() / "c", f));
  ASSERT_EQ(r.errors.size(), 1u) << all(r.errors);
  EXPECT_EQ(r.errors[0].where, "areas.csv:3");
}
