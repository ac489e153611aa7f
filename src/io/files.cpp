#include <tipstats/io/files.hpp>

#include <tipstats/error.hpp>

#include <cerrno>
#include <fstream>
#include <random>
#include <sstream>

namespace tipstats {
namespace {

/// The reason the last failed open or write gave (POSIX streams set errno), or a generic I/O error.
std::error_code last_reason() {
    return std::error_code(errno != 0 ? errno : EIO, std::generic_category());
}

}  // namespace

std::string read_text_file(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec) throw io_error(path.string(), "cannot open the file for reading", ec);
    if (fs::is_directory(status))
        throw io_error(path.string(), "is a directory, not a file", std::make_error_code(std::errc::is_a_directory));
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw io_error(path.string(), "cannot open the file for reading", last_reason());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw io_error(path.string(), "reading the file failed", last_reason());
    return std::move(buffer).str();
}

void write_text_file_atomically(const std::filesystem::path& path, std::string_view text) {
    namespace fs = std::filesystem;
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::random_device entropy;
    const fs::path temporary = folder / ("." + path.filename().string() + ".tmp" + std::to_string(entropy()));
    {
        errno = 0;
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw io_error(temporary.string(), "cannot create the file for writing", last_reason());
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out) {
            const auto reason = last_reason();
            out.close();
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw io_error(path.string(), "writing failed; the old file is unchanged", reason);
        }
    }
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw io_error(path.string(), "cannot replace the file", ec);
    }
}

}  // namespace tipstats
