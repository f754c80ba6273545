// Fuzz target: the CSV reader (src/detail/csv.hpp) on arbitrary bytes. It must never
// crash, keep within the limits, number records by ascending physical lines, and give the
// same records whether collected or streamed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detail/csv.hpp"
#include "detail/limits.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace placematch::detail;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const CsvParse all = parse_csv(text);
  std::size_t last_line = 0, n = 0;
  const InputLimits& limits = input_limits();
  const bool truncated = parse_csv(text, [&](CsvRecord& rec) {
    pmfuzz::require(n < all.records.size(), "streaming gave more records");
    const CsvRecord& same = all.records[n++];
    pmfuzz::require(rec.line == same.line && rec.cells == same.cells, "streaming differs");
    pmfuzz::require(rec.problem.has_value() == same.problem.has_value(), "streaming problem differs");
    pmfuzz::require(rec.line > last_line, "record lines not ascending");
    last_line = rec.line;
    pmfuzz::require(rec.cells.size() <= limits.cells_per_record, "more cells than the limit kept");
    for (const auto& cell : rec.cells) {
      pmfuzz::require(cell.size() <= limits.cell_bytes, "a cell over the limit kept");
      if (!rec.problem)
        pmfuzz::require(find_invalid_utf8(cell) == std::string_view::npos && cell.find('\0') == std::string::npos,
                        "invalid bytes in a record without a problem");
    }
    if (rec.problem) {
      pmfuzz::require(!rec.problem->message.empty(), "empty problem");
      pmfuzz::require(find_invalid_utf8(rec.problem->message) == std::string_view::npos,
                      "invalid UTF-8 in a problem message");
    }
  });
  pmfuzz::require(n == all.records.size(), "streaming gave fewer records");
  pmfuzz::require(truncated == all.truncated, "truncated differs");
  return 0;
}
