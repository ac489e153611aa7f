#!/usr/bin/env bash
# Install the wheel that tools/build_wheels.sh left in DIST into a fresh virtual environment, as a
# user without a compiler, Boost or Eigen would, and check that it works there:
#
#     tools/test_wheel.sh DIST VENV [EXTRAS]      # e.g. tools/test_wheel.sh dist /tmp/venv test
#
# tipstats comes from DIST's wheel alone (a direct file reference, never the index), its dependencies
# (with those of EXTRAS, comma-separated) from PyPI, binaries only: nothing is compiled. Then: no Boost
# or Eigen headers in VENV, `import tipstats` outside the work tree, and its import time, the best of
# five runs of `python -X importtime` and of the wall clock (with the interpreter's own start-up for
# comparison). Activate VENV to run the test suite against the installed package.
set -euo pipefail
dist=$(cd "$1" && pwd)
venv=$2
extras=${3:-}
wheel=$(ls "$dist"/tipstats-*.whl)

rm -rf "$venv"
"${PYTHON:-python3}" -m venv "$venv"
python="$venv/bin/python"
"$python" -m pip install -q --disable-pip-version-check --upgrade pip
# tipstats from this file alone, its dependencies (with those of EXTRAS) from the index, all as wheels.
"$python" -m pip install -q --disable-pip-version-check --only-binary=:all: "tipstats${extras:+[$extras]} @ file://$wheel"

headers=$(find "$venv" -path '*/boost/version.hpp' -o -path '*/Eigen/Core' | head -n 3)
if [ -n "$headers" ]; then
  echo "Boost or Eigen headers in the test environment: $headers" >&2
  exit 1
fi
cd /  # import the installed package, never a source tree
"$python" -c 'import tipstats; print("tipstats", tipstats.__version__, "from", tipstats.__file__)'
best=$(for _ in 1 2 3 4 5; do
         "$python" -X importtime -c 'import tipstats' 2>&1 | awk -F'|' 'END { print $2 + 0 }'
       done | sort -n | head -n 1)
wall() {  # the best of five wall-clock times of `python -c CODE`, in ms
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N); "$python" -c "$1"; echo $(( ($(date +%s%N) - start) / 1000000 ))
  done | sort -n | head -n 1
}
echo "import tipstats: $(( best / 1000 )) ms (python -X importtime), $(wall 'import tipstats') ms wall clock" \
     "with the interpreter's start-up ($(wall pass) ms alone); the best of 5 runs"
