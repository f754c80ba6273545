// load_instance(): chooses the format (CSV folder or instance.json) and runs the loaders.
#include <new>

#include "detail/load.hpp"
#include "placematch/io/files.hpp"

namespace placematch {

LoadResult load_instance(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  using detail::DiagnosticSink;
  LoadResult result;
  DiagnosticSink sink;
  detail::RawInstance raw;
  try {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      sink.error(-1, 0, path.string() + ":0", "file", "no such file or folder");
    } else if (fs::is_directory(st)) {
      const fs::path json = path / "instance.json";
      if (fs::exists(json, ec)) {
        std::string csvs;
        for (int t = 0; t < detail::kTableCount; ++t) {
          const std::string f = std::string(detail::to_string(static_cast<detail::Table>(t))) + ".csv";
          if (fs::exists(path / f, ec)) csvs += (csvs.empty() ? "" : ", ") + f;
        }
        if (!csvs.empty())
          sink.error(-1, 0, "instance.json:0", "file",
                     "the folder holds both instance.json and CSV files (" + csvs +
                         "): ambiguous, keep one format");
        else
          detail::read_json_file(json, raw, sink);
      } else {
        detail::read_csv_folder(path, raw, sink);
      }
    } else {
      detail::read_json_file(path, raw, sink);
    }
    // Values are checked even when some files are broken: every problem is reported.
    result.instance = detail::build_instance(raw, sink);
  } catch (const std::bad_alloc&) {
    sink.error(-1, 0, path.string() + ":0", "file", "out of memory while reading the instance");
  } catch (const std::length_error&) {
    sink.error(-1, 0, path.string() + ":0", "file", "the instance is too large to read");
  }
  result.errors = sink.take_errors();
  result.warnings = sink.take_warnings();
  if (!result.errors.empty()) result.instance.reset();
  return result;
}

LoadResult load_instance_json_text(std::string_view text, const std::string& name) {
  detail::DiagnosticSink sink;
  detail::RawInstance raw;
  LoadResult result;
  try {
    detail::read_json_text(text, name, raw, sink);
    result.instance = detail::build_instance(raw, sink);
  } catch (const std::bad_alloc&) {
    sink.error(-1, 0, name + ":0", "file", "out of memory while reading the instance");
  } catch (const std::length_error&) {
    sink.error(-1, 0, name + ":0", "file", "the instance is too large to read");
  }
  result.errors = sink.take_errors();
  result.warnings = sink.take_warnings();
  if (!result.errors.empty()) result.instance.reset();
  return result;
}

Instance load_instance_or_throw(const std::filesystem::path& path) {
  LoadResult r = load_instance(path);
  if (!r.ok()) throw InputError(std::move(r.errors));
  return std::move(*r.instance);
}

}  // namespace placematch
