#include <tipstats/io/files.hpp>

#include <tipstats/error.hpp>

#include <fstream>
#include <random>
#include <sstream>

namespace tipstats {

std::string read_text_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw parse_error("cannot open the file for reading", {path.string(), 0, 0, {}});
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return std::move(buffer).str();
}

void write_text_file_atomically(const std::filesystem::path& path, std::string_view text) {
    namespace fs = std::filesystem;
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::random_device entropy;
    const fs::path temporary = folder / ("." + path.filename().string() + ".tmp" + std::to_string(entropy()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw error("cannot write '" + temporary.string() + "'");
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out) {
            out.close();
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw error("writing '" + path.string() + "' failed (disk full?); the old file is unchanged");
        }
    }
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw error("cannot replace '" + path.string() + "': " + ec.message());
    }
}

}  // namespace tipstats
