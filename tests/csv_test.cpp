// The RFC 4180 CSV reader (src/detail/csv.hpp): every quirk of the dialect,
// judged against hand-written expected cells and lines.
#include <gtest/gtest.h>

#include <random>

#include "detail/csv.hpp"

using placematch::detail::CsvParse;
using placematch::detail::find_invalid_utf8;
using placematch::detail::parse_csv;
using placematch::detail::quote_value;
using Cells = std::vector<std::string>;

namespace {
Cells cells(const CsvParse& p, std::size_t r) { return p.records.at(r).cells; }
}  // namespace

TEST(Csv, PlainRecordsAndLines) {
  CsvParse p = parse_csv("id,name\na,b\nc,d\n");
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(cells(p, 0), (Cells{"id", "name"}));
  EXPECT_EQ(cells(p, 2), (Cells{"c", "d"}));
  EXPECT_EQ(p.records[0].line, 1u);
  EXPECT_EQ(p.records[1].line, 2u);
  EXPECT_EQ(p.records[2].line, 3u);
  EXPECT_FALSE(p.truncated);
  for (const auto& r : p.records) EXPECT_FALSE(r.problem);
}

TEST(Csv, NoFinalLineBreakAndEmptyCells) {
  CsvParse p = parse_csv("a,b,c\n,,\nx,,");
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(cells(p, 1), (Cells{"", "", ""}));
  EXPECT_EQ(cells(p, 2), (Cells{"x", "", ""}));
}

TEST(Csv, QuotedCommasEscapesAndLineBreaks) {
  CsvParse p = parse_csv("a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n\"two\nlines\",z\nlast,1\n");
  ASSERT_EQ(p.records.size(), 4u);
  EXPECT_EQ(cells(p, 1), (Cells{"x,y", "he said \"hi\""}));
  EXPECT_EQ(cells(p, 2), (Cells{"two\nlines", "z"}));
  EXPECT_EQ(p.records[2].line, 3u);
  EXPECT_EQ(p.records[3].line, 5u);  // the quoted line break is a physical line
  EXPECT_EQ(cells(p, 3), (Cells{"last", "1"}));
}

TEST(Csv, EmptyQuotedCellAndQuotedOnlyQuote) {
  CsvParse p = parse_csv("a,b\n\"\",\"\"\"\"\n");
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(cells(p, 1), (Cells{"", "\""}));
}

TEST(Csv, CrlfAndLoneCr) {
  CsvParse p = parse_csv("a,b\r\n1,2\r\n\"x\r\ny\",\"p\rq\"\r\n3,4\r5,6");
  ASSERT_EQ(p.records.size(), 5u);
  EXPECT_EQ(cells(p, 1), (Cells{"1", "2"}));
  EXPECT_EQ(cells(p, 2), (Cells{"x\r\ny", "p\rq"}));  // kept verbatim inside quotes
  EXPECT_EQ(p.records[2].line, 3u);
  EXPECT_EQ(p.records[3].line, 6u);  // CRLF and lone CR inside quotes: one line each
  EXPECT_EQ(cells(p, 3), (Cells{"3", "4"}));
  EXPECT_EQ(cells(p, 4), (Cells{"5", "6"}));
  EXPECT_EQ(p.records[4].line, 7u);
}

TEST(Csv, ByteOrderMarkIsSkipped) {
  CsvParse p = parse_csv("\xEF\xBB\xBFid,name\nx,y\n");
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(cells(p, 0), (Cells{"id", "name"}));
}

TEST(Csv, BlankLinesSkippedButCounted) {
  CsvParse p = parse_csv("\n\nid,name\n\n  \t \nx,y\r\n\r\n");
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[0].line, 3u);
  EXPECT_EQ(p.records[1].line, 6u);
  EXPECT_EQ(cells(p, 1), (Cells{"x", "y"}));
}

TEST(Csv, EmptyAndBlankTexts) {
  EXPECT_TRUE(parse_csv("").records.empty());
  EXPECT_TRUE(parse_csv("\xEF\xBB\xBF").records.empty());
  EXPECT_TRUE(parse_csv("\n\r\n \n").records.empty());
}

TEST(Csv, HeaderOnly) {
  CsvParse p = parse_csv("id,name\n");
  ASSERT_EQ(p.records.size(), 1u);
  EXPECT_FALSE(p.records[0].problem);
}

TEST(Csv, SpacesAroundQuotedCell) {
  CsvParse p = parse_csv("a,b\n  \"x,y\"  ,z\n");
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_FALSE(p.records[1].problem);
  EXPECT_EQ(cells(p, 1), (Cells{"x,y", "z"}));
}

TEST(Csv, UnterminatedQuoteIsLocatedAndTruncates) {
  CsvParse p = parse_csv("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_TRUE(p.truncated);
  EXPECT_FALSE(p.records[1].problem);
  ASSERT_TRUE(p.records[2].problem);
  EXPECT_EQ(p.records[2].line, 3u);
  EXPECT_EQ(p.records[2].problem->cell, 1u);
  EXPECT_NE(p.records[2].problem->message.find("unterminated"), std::string::npos);
}

TEST(Csv, CharactersAfterClosingQuoteAreLocatedAndParsingGoesOn) {
  CsvParse p = parse_csv("a,b,c\n1,\"x\"junk,3\n4,5,6\n");
  ASSERT_EQ(p.records.size(), 3u);
  ASSERT_TRUE(p.records[1].problem);
  EXPECT_EQ(p.records[1].problem->cell, 1u);
  EXPECT_NE(p.records[1].problem->message.find("junk"), std::string::npos);
  EXPECT_EQ(p.records[1].cells.size(), 3u);  // the row keeps its shape
  EXPECT_FALSE(p.records[2].problem);
  EXPECT_EQ(cells(p, 2), (Cells{"4", "5", "6"}));
  EXPECT_EQ(p.records[2].line, 3u);
}

TEST(Csv, InvalidUtf8IsLocated) {
  CsvParse p = parse_csv("a,b\nok,fine\nx,bad\xFFhere\nK\xC3\xB8ver,y\n");
  ASSERT_EQ(p.records.size(), 4u);
  ASSERT_TRUE(p.records[2].problem);
  EXPECT_EQ(p.records[2].line, 3u);
  EXPECT_EQ(p.records[2].problem->cell, 1u);
  EXPECT_NE(p.records[2].problem->message.find("UTF-8"), std::string::npos);
  EXPECT_FALSE(p.records[3].problem);  // valid UTF-8 (ø) is fine
  EXPECT_EQ(cells(p, 3)[0], "K\xC3\xB8ver");
}

TEST(Csv, NulByteIsLocated) {
  const std::string text("a,b\nx,y\0z\n", 10);
  CsvParse p = parse_csv(text);
  ASSERT_EQ(p.records.size(), 2u);
  ASSERT_TRUE(p.records[1].problem);
  EXPECT_EQ(p.records[1].problem->cell, 1u);
}

TEST(Csv, Utf8Validator) {
  EXPECT_EQ(find_invalid_utf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("Kl\xC3\xB8ver \xE2\x82\xAC \xF0\x9F\x98\x80"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("ab\xC0\x80"), 2u);        // overlong NUL
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);      // surrogate
  EXPECT_EQ(find_invalid_utf8("x\xF4\x90\x80\x80"), 1u); // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("xy\xE2\x82"), 2u);        // truncated
  EXPECT_EQ(find_invalid_utf8("\x80"), 0u);              // lone continuation
  EXPECT_EQ(find_invalid_utf8("\xE0\x80\xAF"), 0u);      // overlong 3-byte
}

TEST(Csv, QuoteValueEscapesAndCuts) {
  EXPECT_EQ(quote_value("-3"), "\"-3\"");
  EXPECT_EQ(quote_value("a\"b\nc"), "\"a\\\"b\\x0Ac\"");
  EXPECT_EQ(quote_value(std::string(100, 'x'), 10), "\"" + std::string(10, 'x') + "...\"");
  // Never cut inside a UTF-8 sequence: "øøø" is 6 bytes, cut at 3 keeps one ø.
  EXPECT_EQ(quote_value("\xC3\xB8\xC3\xB8\xC3\xB8", 3), "\"\xC3\xB8...\"");
}

TEST(Csv, HugeQuotedCell) {
  std::string big(64 * 1024, 'q');
  big[100] = ',';
  big[200] = '\n';
  std::string quoted;
  for (char c : big) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  CsvParse p = parse_csv("a,b\n\"" + quoted + "\",1\n2,3\n");
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[1].cells[0], big);
  EXPECT_EQ(p.records[2].line, 4u);
}

TEST(Csv, RandomBytesNeverBreakTheReader) {
  // Independent oracle for the line count: every record starts at a line no later than
  // the number of physical lines of the text, and lines never go down.
  std::mt19937 rng(20261122);
  const std::string alphabet = std::string("ab,\"\r\n \t\xFF\xC3\xB8", 12) + std::string(1, '\0');
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 200);
    for (int i = 0; i < n; ++i) text += alphabet[rng() % alphabet.size()];
    CsvParse p = parse_csv(text);
    std::size_t lines = 1;
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')))
        ++lines;
    std::size_t last = 0;
    for (const auto& r : p.records) {
      EXPECT_GE(r.line, std::max<std::size_t>(last, 1));
      EXPECT_LE(r.line, lines);
      EXPECT_FALSE(r.cells.empty());
      last = r.line;
    }
  }
}
