#!/usr/bin/env bash
# Compile time of tipstats' headers, as a C++ user pays it (issue 18): a translation unit with the
# umbrella header and one call of each area, compiled at -O2, and a translation unit that uses only
# percent_change, parsed. Each is the best of REPEATS runs (wall clock).
#
#   benchmarks/compile_time.sh BUILD_DIR [INCLUDE_DIR] [REPEATS]
#
# BUILD_DIR holds the generated include/tipstats/version.hpp; INCLUDE_DIR defaults to this
# checkout's include/. To measure another revision's headers, e.g. main's:
#   git archive main include | tar -x -C /tmp/main-headers
#   benchmarks/compile_time.sh BUILD_DIR /tmp/main-headers/include
set -euo pipefail
build=${1:?usage: compile_time.sh BUILD_DIR [INCLUDE_DIR] [REPEATS]}
include=${2:-$(cd "$(dirname "$0")/.." && pwd)/include}
repeats=${3:-3}
cxx=${CXX:-g++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Headers before issue 18 (no tipstats/interval.hpp) spelled some calls differently.
cat >"$work/umbrella.cpp" <<'CPP'
#include <tipstats/tipstats.hpp>
#include <vector>
#if __has_include(<tipstats/interval.hpp>)
#define TIPSTATS_NEW_API 1
#endif

double use_every_area(const std::vector<double>& y) {
    const std::span<const double> view(y);
#ifdef TIPSTATS_NEW_API
    const tipstats::date day = tipstats::date::parse("2020-02-29");
#else
    const tipstats::Date day = tipstats::parse_date("2020-02-29");
#endif
    const auto observations = tipstats::read_observations_csv("measure,unit,period,area,value\n");
    const auto ci = tipstats::stats::proportion_ci(86, 100);
    const auto mk = tipstats::trend::mann_kendall(view);
    const auto fit = tipstats::trend::loglinear(view);
    const tipstats::mse::capture_table table({"A", "B"}, {0, 10, 20, 5});
    const auto mse_fit = tipstats::mse::loglinear(table);
    return static_cast<double>(day.year()) + static_cast<double>(observations.size()) + ci.lower + mk.tau +
           fit.slope + mse_fit.total + tipstats::stats::percent_change(263, 105);
}
CPP
cat >"$work/percent_change.cpp" <<'CPP'
#include <tipstats/stats/changes.hpp>
double change() { return tipstats::stats::percent_change(263, 105); }
CPP

best() {  # best wall-clock seconds of `repeats` runs of the command
    local best=""
    for _ in $(seq "$repeats"); do
        local start end
        start=$(date +%s.%N)
        "$@"
        end=$(date +%s.%N)
        best=$(echo "$start $end ${best:-1e9}" | awk '{t = $2 - $1; print (t < $3 ? t : $3)}')
    done
    printf '%.2f s' "$best"
}

flags=(-std=c++20 -I"$include" -I"$build/include" -I/usr/include/eigen3)
lines=$("$cxx" "${flags[@]}" -E "$work/umbrella.cpp" | wc -l)
headers=$("$cxx" "${flags[@]}" -H -fsyntax-only "$work/umbrella.cpp" 2>&1 | grep -c '^\.')
echo "headers: $include"
echo "umbrella + one call of each area, -O2 -c: $(best "$cxx" "${flags[@]}" -O2 -c "$work/umbrella.cpp" -o "$work/u.o")" \
     "($lines preprocessed lines, $headers headers)"
echo "umbrella header, parsing only (-fsyntax-only): $(best "$cxx" "${flags[@]}" -fsyntax-only "$work/umbrella.cpp")"
echo "percent_change alone, parsing only (-fsyntax-only): $(best "$cxx" "${flags[@]}" -fsyntax-only "$work/percent_change.cpp")"
