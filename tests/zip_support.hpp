#pragma once
// Test support: the entries of a zip archive (an .xlsx workbook) by name, each inflated
// with zlib, read from the archive's central directory. Throws std::runtime_error for
// anything that is not a whole archive of stored or deflated entries.
#include <zlib.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace pmtest {

inline std::uint32_t zip_le(const std::string& s, std::size_t at, int bytes) {
  if (at + static_cast<std::size_t>(bytes) > s.size()) throw std::runtime_error("zip: read past the end");
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
  return v;
}

inline std::string zip_inflate(const std::string& data, std::size_t size) {
  std::string out(size, '\0');
  z_stream zs{};
  if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) throw std::runtime_error("zip: inflateInit2");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&zs, Z_FINISH);
  inflateEnd(&zs);
  if (rc != Z_STREAM_END || zs.total_out != size) throw std::runtime_error("zip: an entry does not inflate");
  return out;
}

inline std::map<std::string, std::string> zip_contents(const std::string& z) {
  if (z.size() < 22) throw std::runtime_error("zip: too short");
  const std::size_t eocd = z.size() - 22;  // no archive comment
  if (zip_le(z, eocd, 4) != 0x06054b50u) throw std::runtime_error("zip: no end of central directory");
  const std::uint32_t entries = zip_le(z, eocd + 10, 2);
  std::size_t at = zip_le(z, eocd + 16, 4);
  std::map<std::string, std::string> out;
  for (std::uint32_t i = 0; i < entries; ++i) {
    if (zip_le(z, at, 4) != 0x02014b50u) throw std::runtime_error("zip: bad central header");
    const std::uint32_t method = zip_le(z, at + 10, 2), packed = zip_le(z, at + 20, 4), size = zip_le(z, at + 24, 4);
    const std::uint32_t name_len = zip_le(z, at + 28, 2), extra = zip_le(z, at + 30, 2), comment = zip_le(z, at + 32, 2);
    const std::uint32_t local = zip_le(z, at + 42, 4);
    const std::string name = z.substr(at + 46, name_len);
    if (zip_le(z, local, 4) != 0x04034b50u) throw std::runtime_error("zip: bad local header of " + name);
    const std::size_t data = local + 30 + zip_le(z, local + 26, 2) + zip_le(z, local + 28, 2);
    if (data + packed > z.size()) throw std::runtime_error("zip: entry past the end: " + name);
    const std::string bytes = z.substr(data, packed);
    if (method == 0)
      out[name] = bytes;
    else if (method == 8)
      out[name] = zip_inflate(bytes, size);
    else
      throw std::runtime_error("zip: unknown method of " + name);
    at += 46 + name_len + extra + comment;
  }
  return out;
}

}  // namespace pmtest
