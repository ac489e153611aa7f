// The stream output of the header-only value types.
#include <tipstats/detail/text.hpp>
#include <tipstats/interval.hpp>
#include <tipstats/time/age_band.hpp>
#include <tipstats/time/partial_date.hpp>

#include <ostream>

namespace tipstats {

std::ostream& operator<<(std::ostream& out, const interval& i) {
    return out << '[' << detail::number_text(i.lower) << ", " << detail::number_text(i.upper) << ']';
}
std::ostream& operator<<(std::ostream& out, const partial_date& d) { return out << d.to_string(); }
std::ostream& operator<<(std::ostream& out, const age_band& band) { return out << band.to_string(); }

}  // namespace tipstats
