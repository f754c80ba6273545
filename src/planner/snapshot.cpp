// Snapshots: the file format (header + Boost.Serialization payload) and the instance in
// it (see placematch/planner/snapshot.hpp). The Planner's side (taking a snapshot, warm
// starting from one) is in planner.cpp.
#include "placematch/planner/snapshot.hpp"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/iostreams/device/array.hpp>
#include <boost/iostreams/stream.hpp>
#include <boost/serialization/binary_object.hpp>
#include <boost/serialization/split_member.hpp>
#include <boost/serialization/version.hpp>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "detail/csv.hpp"
#include "placematch/io/files.hpp"
#include "placematch/model/diagnostics.hpp"
#include "placematch/rules/decisions.hpp"
#include "placematch/version.hpp"

namespace placematch {

namespace {

constexpr char kMagic[16] = {'p', 'l', 'a', 'c', 'e', 'm', 'a', 't', 'c', 'h', '-', 's', 'n', 'a', 'p', '\0'};
constexpr std::size_t kHeaderSize = 16 + 4 + 8 + 8;

[[noreturn]] void fail(std::string_view name, std::string message) {
  throw InputError({{std::string(name) + ":0", "file", std::move(message)}});
}

// FNV-1a, 64 bits: every single changed byte changes the hash (each step is a bijection
// of the state).
std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char ch : bytes) {
    h ^= static_cast<unsigned char>(ch);
    h *= 0x100000001b3ull;
  }
  return h;
}

template <class T>
void put_le(std::string& out, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}
template <class T>
T get_le(std::string_view bytes, std::size_t at) {
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<T>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return v;
}

// Texts and lists travel with their lengths checked before anything is allocated: a
// payload whose checksum holds may still be crafted (the checksum is not a signature), and
// Boost's own std::string and std::vector loaders resize to whatever length they read. No
// length can exceed the payload's bytes (a text of n bytes takes n + 8, a list entry at
// least 8), so a larger one is refused at once as an unreadable payload.
class Bounded {
 public:
  explicit Bounded(std::uint64_t payload_bytes) : limit_(payload_bytes) {}

  template <class Archive>
  static void save(Archive& ar, const std::string& s) {
    const std::uint64_t n = s.size();
    ar << n;
    if (n > 0) ar << boost::serialization::make_binary_object(const_cast<char*>(s.data()), s.size());
  }
  template <class Archive>
  void load(Archive& ar, std::string& s) const {
    const std::uint64_t n = length(ar, 1, "text");
    s.assign(n, '\0');
    if (n > 0) ar >> boost::serialization::make_binary_object(s.data(), s.size());
  }
  template <class Archive>
  static void save(Archive& ar, const std::vector<std::string>& list) {
    const std::uint64_t n = list.size();
    ar << n;
    for (const std::string& s : list) save(ar, s);
  }
  template <class Archive>
  void load(Archive& ar, std::vector<std::string>& list) const {
    list.resize(length(ar, 8, "list"));
    for (std::string& s : list) load(ar, s);
  }
  template <class Archive>
  static void save(Archive& ar, const std::vector<std::pair<std::string, std::int64_t>>& list) {
    const std::uint64_t n = list.size();
    ar << n;
    for (const auto& [id, value] : list) {
      save(ar, id);
      ar << value;
    }
  }
  template <class Archive>
  void load(Archive& ar, std::vector<std::pair<std::string, std::int64_t>>& list) const {
    list.resize(length(ar, 16, "list"));
    for (auto& [id, value] : list) {
      load(ar, id);
      ar >> value;
    }
  }

 private:
  // A length read from the archive, refused when `n` entries of at least `bytes_each` bytes
  // cannot fit in the payload.
  template <class Archive>
  std::uint64_t length(Archive& ar, std::uint64_t bytes_each, const char* what) const {
    std::uint64_t n = 0;
    ar >> n;
    if (n > limit_ / bytes_each)
      throw std::length_error(std::string("a ") + what + " of " + std::to_string(n) + " entries in a payload of " +
                              std::to_string(limit_) + " bytes");
    return n;
  }
  std::uint64_t limit_;
};

// The payload's fields, in the archive's order. Enums travel as their contract names.
struct Payload {
  std::string placematch_version, instance_json, objective, status;
  std::vector<std::string> citizen, opening;
  std::vector<std::string> mentor;        // "" when none (an id is never empty)
  std::int64_t placed = 0, score = 0;
  std::int64_t bound_placed = -1, bound_score = -1;  // -1 when none
  bool pools_bound = false;
  std::vector<std::pair<std::string, std::int64_t>> opening_prices, company_prices;
  std::uint64_t payload_bytes = 0;  // when loading: the payload's length (not stored)

  template <class Archive>
  void save(Archive& ar, const unsigned int /*version*/) const {
    for (const std::string* s : {&placematch_version, &instance_json, &objective, &status}) Bounded::save(ar, *s);
    for (const auto* list : {&citizen, &opening, &mentor}) Bounded::save(ar, *list);
    const std::uint8_t bound = pools_bound ? 1 : 0;  // a byte: Boost loads a bool as a raw byte
    ar << placed << score << bound_placed << bound_score << bound;
    Bounded::save(ar, opening_prices);
    Bounded::save(ar, company_prices);
  }
  template <class Archive>
  void load(Archive& ar, const unsigned int version) {
    if (version != Snapshot::kFormatVersion)  // the header's version agreed; the archive's must too
      throw std::runtime_error("payload of format version " + std::to_string(version));
    const Bounded in(payload_bytes);
    for (std::string* s : {&placematch_version, &instance_json, &objective, &status}) in.load(ar, *s);
    for (auto* list : {&citizen, &opening, &mentor}) in.load(ar, *list);
    std::uint8_t bound = 0;
    ar >> placed >> score >> bound_placed >> bound_score >> bound;
    if (bound > 1) throw std::runtime_error("a flag of value " + std::to_string(bound));
    pools_bound = bound == 1;
    in.load(ar, opening_prices);
    in.load(ar, company_prices);
  }
  BOOST_SERIALIZATION_SPLIT_MEMBER()
};

}  // namespace
}  // namespace placematch

BOOST_CLASS_VERSION(placematch::Payload, placematch::Snapshot::kFormatVersion)

namespace placematch {

std::string snapshot_bytes(const Snapshot& s) {
  Payload p;
  p.placematch_version = s.placematch_version.empty() ? PLACEMATCH_VERSION_STRING : s.placematch_version;
  p.instance_json = s.instance_json;
  p.objective = std::string(to_string(s.objective));
  p.status = std::string(to_string(s.status));
  for (const auto& e : s.plan.placements) {
    p.citizen.push_back(e.citizen);
    p.opening.push_back(e.opening);
    p.mentor.push_back(e.mentor.value_or(""));
  }
  p.placed = s.placed;
  p.score = s.score;
  p.bound_placed = s.bound_placed.value_or(-1);
  p.bound_score = s.bound_score.value_or(-1);
  p.pools_bound = s.pools_bound;
  p.opening_prices = s.opening_prices;
  p.company_prices = s.company_prices;
  std::ostringstream payload(std::ios::binary);
  {
    boost::archive::binary_oarchive ar(payload, boost::archive::no_header);
    ar << p;
  }
  const std::string body = std::move(payload).str();
  std::string out(kMagic, sizeof kMagic);
  put_le<std::uint32_t>(out, Snapshot::kFormatVersion);
  put_le<std::uint64_t>(out, body.size());
  put_le<std::uint64_t>(out, fnv1a64(body));
  out += body;
  return out;
}

Snapshot parse_snapshot(std::string_view bytes, std::string_view name) {
  // The header, field by field: a foreign file, then truncation, then the version.
  const std::size_t magic_seen = std::min(bytes.size(), sizeof kMagic);
  if (bytes.empty()) fail(name, "empty file, expected a placematch snapshot");
  if (std::memcmp(bytes.data(), kMagic, magic_seen) != 0)
    fail(name, "not a placematch snapshot (it does not start with \"placematch-snap\")");
  if (bytes.size() < kHeaderSize)
    fail(name, "truncated snapshot: " + std::to_string(bytes.size()) + " bytes, shorter than its " +
                   std::to_string(kHeaderSize) + "-byte header");
  const auto version = get_le<std::uint32_t>(bytes, 16);
  if (version > Snapshot::kFormatVersion)
    fail(name, "snapshot format version " + std::to_string(version) + " is newer than this placematch (" +
                   PLACEMATCH_VERSION_STRING + ") reads (version " + std::to_string(Snapshot::kFormatVersion) +
                   "); use the placematch that wrote it, or a newer one");
  if (version == 0) fail(name, "not a placematch snapshot (format version 0)");
  if (version < Snapshot::kFormatVersion)
    fail(name, "snapshot format version " + std::to_string(version) + " was written by an earlier placematch; "
                   "this one (" + PLACEMATCH_VERSION_STRING + ") reads version " +
                   std::to_string(Snapshot::kFormatVersion) + ": save the snapshot again (match --save)");
  const auto length = get_le<std::uint64_t>(bytes, 20);
  const std::uint64_t present = bytes.size() - kHeaderSize;
  if (present < length)
    fail(name, "truncated snapshot: " + std::to_string(present) + " of its " + std::to_string(length) +
                   " payload bytes present");
  if (present > length)
    fail(name, "not a placematch snapshot: " + std::to_string(present - length) +
                   " bytes after the payload (a damaged length, or another file appended)");
  const std::string_view body = bytes.substr(kHeaderSize);
  if (fnv1a64(body) != get_le<std::uint64_t>(bytes, 28))
    fail(name, "corrupted snapshot: the payload's checksum does not match (a changed byte)");
  // Only an unchanged payload is decoded; what Boost still refuses is reported the same way.
  Payload p;
  try {
    boost::iostreams::stream<boost::iostreams::array_source> in(body.data(), body.size());
    boost::archive::binary_iarchive ar(in, boost::archive::no_header);
    p.payload_bytes = body.size();
    ar >> p;
  } catch (const boost::archive::archive_exception& e) {
    fail(name, std::string("unreadable snapshot payload (") + e.what() + ")");
  } catch (const std::exception& e) {
    fail(name, std::string("unreadable snapshot payload (") + e.what() + ")");
  }
  Snapshot s;
  s.placematch_version = p.placematch_version;
  s.instance_json = std::move(p.instance_json);
  const auto objective = parse_objective(p.objective);
  const auto status = parse_status(p.status);
  if (!objective) fail(name, "unreadable snapshot: unknown objective " + detail::quote_value(p.objective));
  if (!status) fail(name, "unreadable snapshot: unknown status " + detail::quote_value(p.status));
  s.objective = *objective;
  s.status = *status;
  if (p.opening.size() != p.citizen.size() || p.mentor.size() != p.citizen.size())
    fail(name, "unreadable snapshot: the plan's columns differ in length");
  for (std::size_t i = 0; i < p.citizen.size(); ++i)
    s.plan.placements.push_back({std::move(p.citizen[i]), std::move(p.opening[i]),
                                 p.mentor[i].empty() ? std::nullopt : std::optional<std::string>(std::move(p.mentor[i]))});
  s.plan.source = std::string(name);
  s.placed = p.placed;
  s.score = p.score;
  if (p.bound_placed >= 0) s.bound_placed = p.bound_placed;
  if (p.bound_score >= 0) s.bound_score = p.bound_score;
  s.pools_bound = p.pools_bound;
  s.opening_prices = std::move(p.opening_prices);
  s.company_prices = std::move(p.company_prices);
  for (const auto& [id, price] : s.opening_prices)
    if (price < 0) fail(name, "unreadable snapshot: negative price of opening " + detail::quote_value(id));
  for (const auto& [id, price] : s.company_prices)
    if (price < 0) fail(name, "unreadable snapshot: negative price of company " + detail::quote_value(id));
  return s;
}

void save_snapshot(const Snapshot& snapshot, const std::filesystem::path& file) {
  write_file_atomically(file, snapshot_bytes(snapshot));
}

Snapshot read_snapshot(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) fail(name, "is a folder, expected a snapshot file");
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(name, "cannot read the snapshot (missing or unreadable)");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) fail(name, "cannot read the snapshot (read error)");
  return parse_snapshot(bytes, name);
}

Instance snapshot_instance(const Snapshot& snapshot, const std::string& name) {
  LoadResult r = load_instance_json_text(snapshot.instance_json, name + ": instance.json");
  if (!r.ok()) throw InputError(std::move(r.errors));
  if (Diagnostics pins = check_decisions(*r.instance); !pins.empty()) throw InputError(std::move(pins));
  return std::move(*r.instance);
}

}  // namespace placematch
