#!/usr/bin/env bash
# Builds benchmarks/small_batches.cpp against a build directory's libtipstats.a and runs it:
#   benchmarks/small_batches.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: small_batches.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"${CXX:-g++}" -std=c++20 -O2 -DNDEBUG -I"$here/../include" -I"$build/include" "$here/small_batches.cpp" \
    "$build/libtipstats.a" -pthread -o "$out/small_batches"
echo "hardware threads: $(nproc)"
"$out/small_batches"
