#pragma once
// Reading and writing whole files, so that no save ever leaves a half-written file behind.

#include <filesystem>
#include <string>
#include <string_view>

namespace tipstats {

/// The whole file as bytes; an io_error with the path and the reason when it cannot be read (a
/// directory, a missing file, no permission).
std::string read_text_file(const std::filesystem::path& path);

/// Replaces `path` with `text` atomically: writes a temporary file in the same folder, flushes it
/// and renames it over `path`. An interrupted or failed save leaves the old file whole and no
/// temporary file behind (io_error says why).
void write_text_file_atomically(const std::filesystem::path& path, std::string_view text);

}  // namespace tipstats
