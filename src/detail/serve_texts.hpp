#pragma once
// The workbench's texts for people, English and Danish, in one table keyed by id (until the
// project's message catalogue takes them over). Internal to placematch_serve.
#include <string>
#include <string_view>

#include "placematch/serve/workbench.hpp"

namespace placematch::serve::detail {

/// The text of `id` in `lang`; the id itself when unknown (a test checks every id used).
std::string_view text(std::string_view id, Lang lang);
/// Whether every id of the table has both languages (non-empty).
bool texts_complete();
/// Every id of the table.
std::string ids_joined();

}  // namespace placematch::serve::detail
