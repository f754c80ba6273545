// Hostile side files: the weights file (`--weights`) and an earlier plan (`--previous`)
// holding keys and values with line breaks, control bytes, invalid UTF-8, absurd nesting
// and numbers too large for a double. Whatever the bytes: an InputError (never another
// exception, never a crash) whose every message is located at the file and is one line
// of valid UTF-8. Each case here was a finding of the reader's fuzz target or of reading
// the reader against it (tests/fuzz/regressions/ holds the raw inputs).
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "detail/csv.hpp"
#include "placematch/io/files.hpp"
#include "placematch/io/previous.hpp"
#include "placematch/io/weights.hpp"
#include "placematch/io/whatif_files.hpp"
#include "placematch/model/diagnostics.hpp"
#include "test_files.hpp"

using namespace placematch;

namespace {

// One line (no byte below 0x20, no DEL) of valid UTF-8.
void expect_one_clean_line(const Diagnostic& d, const std::string& input) {
  const std::string line = d.str();
  for (char ch : line)
    EXPECT_TRUE(static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F)
        << "control byte " << static_cast<int>(static_cast<unsigned char>(ch)) << " in: " << line
        << "\ninput: " << input;
  EXPECT_EQ(detail::find_invalid_utf8(line), std::string_view::npos) << "invalid UTF-8 in a message; input: " << input;
  EXPECT_FALSE(d.column.empty()) << line;
  EXPECT_FALSE(d.message.empty()) << line;
}

Diagnostics weights_errors(const std::string& text) {
  try {
    parse_weights(text, "w.json");
  } catch (const InputError& e) {
    return e.errors();
  }
  ADD_FAILURE() << "accepted: " << text;
  return {};
}

Diagnostics previous_errors(const std::string& text) {
  try {
    parse_previous_plan(text, "p.json");
  } catch (const InputError& e) {
    return e.errors();
  }
  ADD_FAILURE() << "accepted: " << text;
  return {};
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST(HostileInput, WeightsMessagesAreOneLocatedLineOfUtf8) {
  const std::vector<std::string> inputs = {
      "{\"dist\\nance\": 1}",                    // a key with an escaped line break
      "{\"\\u0000\\u001b[31m\": 1}",              // NUL and an escape sequence in a key
      "{\"\xff\xfe\": 1}",                        // invalid UTF-8 in a key (the library's error quotes it)
      "{\"distance\": 1,\n\"\xc3\": 2}",          // a cut UTF-8 sequence
      "{\"distance\": \"a\\nb\\u00e6\"}",         // a string value with a line break
      "{\"distance\": [" + std::string(5000, '1') + "]}",  // a number of 5,000 digits
      "{\"distance\": [\"\\n\", \"" + std::string(5000, 'x') + "\"]}",  // a long value
      "{\"distance\": 1e400}",                    // too large for a double: not a parse_error
      "{\"distance\": -1e400}",
      "{\"\": 1}",                                // an empty key
      "{\"distance\": " + nested(100000) + "}",   // nesting that would exhaust the stack
      "\xef\xbb\xbf\n\n  {x",                     // malformed on line 3
      "{\"hours\": 1, \"hours\": 2}",             // a key twice: the library keeps the last
  };
  for (const std::string& text : inputs) {
    const Diagnostics errors = weights_errors(text);
    ASSERT_FALSE(errors.empty()) << text;
    for (const Diagnostic& d : errors) {
      EXPECT_EQ(d.where, "w.json:0") << d.str();
      expect_one_clean_line(d, text);
    }
  }
}

TEST(HostileInput, WeightsNameWhatIsWrong) {
  Diagnostics e = weights_errors("{\"hours\": 1, \"hours\": 2}");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].column, "hours");
  EXPECT_NE(e[0].message.find("twice"), std::string::npos) << e[0].message;

  e = weights_errors("{\"dist\\nance\": 1}");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].column, "file");  // not a name: quoted in the message instead
  EXPECT_NE(e[0].message.find("\"dist\\x0Aance\""), std::string::npos) << e[0].message;

  e = weights_errors("{\"distance\": 1e400}");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].column, "file");
  EXPECT_NE(e[0].message.find("malformed JSON"), std::string::npos) << e[0].message;

  e = weights_errors("\n\n  {x");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("line 3, column 4"), std::string::npos) << e[0].message;

  std::string many;
  for (int i = 0; i < 2000; ++i) many += "1,";
  e = weights_errors("{\"distance\": [" + many + "1]}");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].column, "distance");
  EXPECT_LT(e[0].message.size(), 120u) << "a long value is cut";

  e = weights_errors("{\"distance\": " + nested(100000) + "}");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("nested too deeply"), std::string::npos) << e[0].message;

  // Danish letters are kept in a quoted key; only what would break the line is escaped.
  e = weights_errors("{\"afstand_\xc3\xb8\": 1}");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("\"afstand_\xc3\xb8\""), std::string::npos) << e[0].message;
}

TEST(HostileInput, EarlierPlanMessagesAreOneLocatedLineOfUtf8) {
  const std::string head = "{\"format\": \"placematch-result/2\", \"placements\": [";
  const std::vector<std::string> inputs = {
      "{\"format\": \"placematch-\\nresult/2\", \"placements\": []}",  // a format with a line break
      "{\"format\": \"\xff\", \"placements\": []}",                    // invalid UTF-8
      head + "{\"citizen\": \"c\\n1\", \"opening\": \"o1\"}]}",         // an id with a line break
      head + "{\"citizen\": \"c1\", \"opening\": \"o\\u0007\"}]}",
      head + "{\"citizen\": \"c1\", \"opening\": \"o1\", \"mentor\": \"m\\r\"}]}",
      head + "{\"citizen\": \"" + std::string(300, 'c') + "\", \"opening\": \"o1\"}]}",  // an id too long
      head + "{\"citizen\": \"c1\", \"opening\": \"o1\"}, {\"citizen\": \"c1\", \"opening\": \"o2\"}]}",
      head + "{\"citizen\": \"c1\", \"opening\": \"o1\", \"x\": 1e999}]}",  // too large for a double
      head + nested(100000) + "]}",                                      // nesting that would exhaust the stack
      "{\"format\": \"placematch-result/2\",\n \"placements\": [\x01",
  };
  for (const std::string& text : inputs) {
    const Diagnostics errors = previous_errors(text);
    ASSERT_EQ(errors.size(), 1u) << text;
    EXPECT_EQ(errors[0].where, "p.json:0") << errors[0].str();
    EXPECT_EQ(errors[0].column, "file") << errors[0].str();
    expect_one_clean_line(errors[0], text);
  }
  // An id must be one the contract allows: a plan placematch wrote holds no other.
  const Diagnostics e = previous_errors(head + "{\"citizen\": \"c 1\", \"opening\": \"o1\"}]}");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("placements[0].citizen"), std::string::npos) << e[0].message;
  EXPECT_NE(e[0].message.find("\"c 1\""), std::string::npos) << e[0].message;
  // The mentor may be absent or null; a good plan still reads.
  const PreviousPlan ok = parse_previous_plan(
      head + "{\"citizen\": \"c1\", \"opening\": \"o1\", \"mentor\": null}, "
             "{\"citizen\": \"c2\", \"opening\": \"o1\", \"mentor\": \"m-1.a\"}, {\"citizen\": \"c3\", \"opening\": \"o2\"}]}",
      "p.json");
  ASSERT_EQ(ok.placements.size(), 3u);
  EXPECT_FALSE(ok.placements[0].mentor);
  EXPECT_EQ(ok.placements[1].mentor, "m-1.a");
  EXPECT_FALSE(ok.placements[2].mentor);
}

TEST(HostileInput, QuotedValuesStayValidUtf8) {
  using detail::quote_value;
  EXPECT_EQ(quote_value("a\xff" "b"), "\"a\\xFFb\"");
  EXPECT_EQ(quote_value("\xc3"), "\"\\xC3\"");                  // a cut sequence
  EXPECT_EQ(quote_value("\xed\xa0\x80"), "\"\\xED\\xA0\\x80\"");  // a surrogate is not UTF-8
  EXPECT_EQ(quote_value("S\xc3\xb8nderborg \xe2\x82\xac"), "\"S\xc3\xb8nderborg \xe2\x82\xac\"");
  EXPECT_EQ(quote_value("a\nb\"c\\"), "\"a\\x0Ab\\\"c\\\\\"");
  // Cut at a character boundary, never inside a sequence.
  EXPECT_EQ(quote_value("ab\xc3\xb8" "cd", 3), "\"ab...\"");
  EXPECT_EQ(quote_value(std::string(100, '\x80'), 10), "\"" + [] {
    std::string s;
    for (int i = 0; i < 7; ++i) s += "\\x80";
    return s;
  }() + "...\"");
}

// Fuzz finding (courses): a header cell with a control byte was shown quoted as an unknown
// column, but raw as the column of a broken record under it (a quote problem in that
// cell) — a control byte in the message. The same reader loads every CSV table.
TEST(HostileInput, ColumnOfABrokenRecordIsShownEscaped) {
  const std::string header_and_row = "\xef\xbb\xbfioO\x01" "ese,Cost,grantese,Cost,grants\n\"\\\"nieaseD";
  pmtest::TempDir dir("hostile", "column");
  {
    std::ofstream(dir.path() / "courses.csv", std::ios::binary) << header_and_row;
  }
  const LoadResult in = load_instance(std::string(PLACEMATCH_SOURCE_DIR) + "/data/sonderborg");
  ASSERT_TRUE(in.ok());
  const CoursesLoad c = load_courses(dir.path() / "courses.csv", *in.instance);
  bool broken_record_seen = false;
  for (const Diagnostic& d : c.errors) {
    expect_one_clean_line(d, header_and_row);
    if (d.where == "courses.csv:2" || d.where.ends_with("/courses.csv:2")) {
      broken_record_seen = true;
      EXPECT_EQ(d.column, "\"ioO\\x01ese\"") << d.str();
    }
  }
  EXPECT_TRUE(broken_record_seen);
  for (const Diagnostic& d : c.warnings) expect_one_clean_line(d, header_and_row);

  // The instance tables: the same reader, the same column name over a broken record.
  pmtest::TempDir folder("hostile", "table");
  for (const auto& e : std::filesystem::directory_iterator(std::string(PLACEMATCH_SOURCE_DIR) + "/data/sonderborg"))
    if (e.path().extension() == ".csv") std::filesystem::copy_file(e.path(), folder.path() / e.path().filename());
  {
    std::ofstream(folder.path() / "areas.csv", std::ios::binary | std::ios::trunc)
        << "id,name,lat,lon,no\x1bte\na1,A,55.0,9.0,\"x\"y\n";
  }
  const LoadResult bad = load_instance(folder.path());
  ASSERT_FALSE(bad.ok());
  bool seen = false;
  for (const Diagnostic& d : bad.errors) {
    expect_one_clean_line(d, "areas.csv");
    if (d.message.find("closing quote") != std::string::npos) seen = true;
  }
  EXPECT_TRUE(seen);
}

// Found by the JSON instance fuzz target: a record with an empty key was warned about with
// an empty column ("instance.json:companies[0]: : unknown key, ignored").
TEST(HostileInput, AnEmptyKeyInAJsonRecordIsNamed) {
  const std::string text = R"({"areas": [{"id": "a1", "name": "A", "lat": 55.0, "lon": 9.0, "": 1}]})";
  const LoadResult r = load_instance_json_text(text);
  bool seen = false;
  for (const Diagnostic& d : r.warnings) {
    expect_one_clean_line(d, text);
    if (d.message.find("unknown key") != std::string::npos) {
      seen = true;
      EXPECT_EQ(d.column, "\"\"") << d.str();
    }
  }
  EXPECT_TRUE(seen);
  for (const Diagnostic& d : r.errors) expect_one_clean_line(d, text);
}
