#pragma once
// Shared by the fuzz targets: the checks every reader's output must pass whatever the
// bytes, and a scratch folder private to the process.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

#include "detail/csv.hpp"
#include "placematch/io/files.hpp"
#include "placematch/model/diagnostics.hpp"

namespace pmfuzz {

/// Stops the run (a crash libFuzzer reports, with the input) when `ok` is false.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
  }
}

/// One located diagnostic: FILE:LINE or FILE:table[i], a column, a one-line message
/// without control bytes.
inline void require_located(const placematch::Diagnostic& d) {
  require(!d.where.empty() && !d.column.empty() && !d.message.empty(), "empty part of a diagnostic");
  require(d.where.find(':') != std::string::npos, "diagnostic not located (no FILE:LINE)");
  for (char ch : d.str())
    require(static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F, "control byte in a diagnostic");
  require(placematch::detail::find_invalid_utf8(d.str()) == std::string_view::npos,
          "invalid UTF-8 in a diagnostic");
}

/// A reader that refuses a whole file: exactly one diagnostic, `FILE:0: file: ...`, located
/// and one line of valid UTF-8.
inline void require_one_file_error(const placematch::InputError& e, std::string_view file) {
  require(e.errors().size() == 1, "not exactly one diagnostic");
  require(e.errors()[0].where == std::string(file) + ":0" && e.errors()[0].column == "file",
          "not located at the file");
  require_located(e.errors()[0]);
}

/// A folder of its own for this process (created once, under the temp folder).
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("placematch_fuzz_" + std::to_string(static_cast<long>(::getpid())));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

/// A small instance that uses every column (two residents, one of them pinned with a
/// mentor, two openings, two mentors, competences, barriers and target groups), loaded
/// once: the fixed instance of the targets that read a file against an instance (the
/// courses file, an earlier plan). Its ids and codes: c1 c2, o1 o2, m1 m2, k1 k2, a1 a2;
/// competences forklift danish, barriers language anxiety, target groups 6.2 OTHER.
inline const placematch::Instance& small_instance() {
  static const placematch::Instance instance = [] {
    const auto dir = scratch_dir() / "small_instance";
    std::filesystem::create_directories(dir);
    const char* const files[][2] = {
        {"areas.csv", "id,name,lat,lon\na1,Stenbjergparken,54.92,9.76\na2,Kl\xc3\xb8verparken,54.90,9.80\n"},
        {"citizens.csv",
         "id,area,target_group,age,hours,hours_tolerance,max_km,needs_mentor,competences,barriers,languages,"
         "interests,months_unemployed,excluded_companies\n"
         "c1,a1,6.2,30,10,2,15,0,forklift:3;danish:2,language:2,da;ar,retail,12,k2\n"
         "c2,a2,OTHER,17,8,,20,1,,anxiety:1,,,,\n"},
        {"companies.csv",
         "id,name,lat,lon,sector,employees,supported_now\nk1,N\xc3\xa6r ApS,54.93,9.77,retail,12,1\n"
         "k2,Fjern,54.99,9.77,logistics,,\n"},
        {"mentors.csv", "id,company,capacity,carrying_now,languages\nm1,k1,2,0,da\nm2,k2,1,,\n"},
        {"openings.csv",
         "id,company,kind,seats,hours_min,hours_max,requires,desires,barrier_limits,groups,age_min,age_max,"
         "mentor_required,sector\n"
         "o1,k1,internship,2,5,37,forklift:2,danish,language:2;anxiety:0,6.2;OTHER,18,65,1,\n"
         "o2,k2,leisure_job,,3,12,,,,,,,0,care\n"},
        {"decisions.csv", "citizen,opening,decision,mentor\nc1,o1,pin,m1\nc2,o1,forbid,\n"},
    };
    for (const auto& f : files) std::ofstream(dir / f[0], std::ios::binary) << f[1];
    placematch::LoadResult r = placematch::load_instance(dir);
    require(r.ok(), "the fixed small instance does not load");
    return std::move(*r.instance);
  }();
  return instance;
}

}  // namespace pmfuzz
