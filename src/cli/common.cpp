#include "common.hpp"

#include <exception>
#include <filesystem>
#include <iostream>

#include "placematch/io/files.hpp"
#include "placematch/rules/decisions.hpp"

namespace placematch::cli {

void print(const Diagnostics& list) {
  for (const Diagnostic& d : list) std::cerr << d.str() << '\n';
}

bool write_output(const std::string& file, const std::string& content) {
  try {
    write_file_atomically(file, content);
    return true;
  } catch (const std::exception& e) {
    std::cerr << "placematch: cannot write " << file << ": " << e.what() << '\n';
    return false;
  }
}

CLI::Option* add_lang_option(CLI::App* sub, Language& lang) {
  return sub
      ->add_option_function<std::string>(
          "--lang", [&lang](const std::string& s) { lang = *parse_language(s); },
          "language of texts for people: en (default) or da")
      ->check(CLI::Validator(
          [](std::string& s) {
            return parse_language(s) ? std::string() : "unknown language \"" + s + "\" (use da or en)";
          },
          "da|en", "language"));
}

bool outputs_writable(std::initializer_list<std::string> files) {
  bool ok = true;
  for (const std::string& file : files) {
    if (file.empty()) continue;
    const std::filesystem::path p(file);
    const std::filesystem::path dir = p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      std::cerr << "placematch: cannot write " << file << ": the folder " << dir.string() << " does not exist\n";
      ok = false;
    } else if (std::filesystem::is_directory(p, ec)) {
      std::cerr << "placematch: cannot write " << file << ": it is a folder\n";
      ok = false;
    }
  }
  return ok;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::optional<Instance> load_checked(const std::string& path) {
  LoadResult r = load_instance(path);
  print(r.warnings);
  if (!r.ok()) {
    print(r.errors);
    return std::nullopt;
  }
  Diagnostics pins = check_decisions(*r.instance);
  if (!pins.empty()) {
    print(pins);
    return std::nullopt;
  }
  return std::move(r.instance);
}

std::optional<ScoreWeights> weights_from(const std::string& file) {
  if (file.empty()) return ScoreWeights{};
  try {
    return load_weights(file);
  } catch (const InputError& e) {
    print(e.errors());
    return std::nullopt;
  }
}

Index opening_by_id(const Instance& in, const std::string& id) {
  const auto it = in.opening_index.find(id);
  if (it == in.opening_index.end())
    throw InputError({{"command line", "--opening", "no opening \"" + id + "\" in this instance"}});
  return it->second;
}

Index citizen_by_id(const Instance& in, const std::string& id) {
  const auto it = in.citizen_index.find(id);
  if (it == in.citizen_index.end())
    throw InputError({{"command line", "--citizen", "no citizen \"" + id + "\" in this instance"}});
  return it->second;
}

}  // namespace placematch::cli
