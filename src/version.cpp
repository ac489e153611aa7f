#include <tipstats/version.hpp>

#include <string>

namespace tipstats {

/// The version of the compiled library, to compare with TIPSTATS_VERSION_STRING from the headers
/// a program was built against.
std::string library_version() { return TIPSTATS_VERSION_STRING; }

}  // namespace tipstats
