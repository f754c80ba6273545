// load_instance(): chooses the format (CSV folder or instance.json) and runs the loaders.
#include <new>

#include "detail/load.hpp"
#include "placematch/io/files.hpp"

namespace placematch {

namespace {

// Reads the instance at `path` (CSV folder, instance.json, or a folder holding one) into
// `raw`; problems go to `sink`.
void read_raw(const std::filesystem::path& path, detail::RawInstance& raw, detail::DiagnosticSink& sink) {
  namespace fs = std::filesystem;
  {
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
  }
}

// How a record is named in a message about another record of a merged table.
std::string describe_where(const detail::RawRecord& r) { return r.where; }

// Runs `read(raw, sink)` (it reads the raw tables and builds the instance) and collects
// its problems: running out of memory, or an input too large for a container, is one
// error located at `name`, never a crash; with any error there is no instance.
template <class Read>
LoadResult load_with(const std::string& name, Read&& read) {
  detail::DiagnosticSink sink;
  detail::RawInstance raw;
  LoadResult result;
  try {
    result.instance = read(raw, sink);
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

}  // namespace

LoadResult load_instance(const std::filesystem::path& path) {
  return load_with(path.string(), [&](detail::RawInstance& raw, detail::DiagnosticSink& sink) {
    read_raw(path, raw, sink);
    // Values are checked even when some files are broken: every problem is reported.
    return detail::build_instance(raw, sink);
  });
}

LoadResult load_instance_json_text(std::string_view text, const std::string& name) {
  return load_with(name, [&](detail::RawInstance& raw, detail::DiagnosticSink& sink) {
    detail::read_json_text(text, name, raw, sink);
    return detail::build_instance(raw, sink);
  });
}

Instance load_instance_or_throw(const std::filesystem::path& path) {
  LoadResult r = load_instance(path);
  if (!r.ok()) throw InputError(std::move(r.errors));
  return std::move(*r.instance);
}

}  // namespace placematch

namespace placematch {

ExtendedLoad load_instance_with_openings(const std::filesystem::path& instance_path,
                                         const std::filesystem::path& openings_file) {
  using detail::Table;
  ExtendedLoad out;
  out.load = load_with(instance_path.string(), [&](detail::RawInstance& raw, detail::DiagnosticSink& sink) {
    read_raw(instance_path, raw, sink);
    detail::RawTable& openings = raw[static_cast<std::size_t>(Table::Openings)];
    if (!sink.has_errors()) {
      out.first_proposed = static_cast<Index>(openings.records.size());
      // The proposed records join today's openings, so that ids, companies, mentors and
      // every value are checked by the one validator; an id given twice names both places.
      detail::RawTable proposed;
      if (detail::read_csv_file(detail::columns_of(Table::Openings), static_cast<int>(Table::Openings),
                                openings_file, proposed, sink)) {
        for (auto& r : proposed.records) openings.records.push_back(std::move(r));
        openings.has_column = proposed.has_column;
        openings.complete = proposed.complete;
        openings.describe = &describe_where;
      }
    }
    return detail::build_instance(raw, sink);
  });
  return out;
}

CoursesLoad load_courses(const std::filesystem::path& file, const Instance& instance) {
  detail::DiagnosticSink sink;
  CoursesLoad out;
  try {
    detail::RawTable raw;
    if (detail::read_csv_file(detail::course_columns(), 0, file, raw, sink))
      out.courses = detail::build_courses(raw, instance, 0, sink);
  } catch (const std::bad_alloc&) {
    sink.error(0, 0, file.string() + ":0", "file", "out of memory while reading the file");
  }
  out.errors = sink.take_errors();
  out.warnings = sink.take_warnings();
  if (!out.errors.empty()) out.courses.clear();
  return out;
}

}  // namespace placematch
