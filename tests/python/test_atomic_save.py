"""Saving is atomic: a writer killed with SIGKILL at a random moment leaves a file that loads and equals
one of the versions it saved, and no temporary file that looks like data."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tipstats

# Two large, different, consistent datasets (~1.5 MB each, one row per month); the writer saves them in turn, as fast as it can.
MAKE = r'''
import json
import tipstats

def make(version):
    rows = [{"measure": "victims", "value": version * 1000003 + i, "period": "%d-%02d" % (1900 + i // 12, i % 12 + 1),
             "area": "KHM", "note": "ជួញដូរ %d" % i} for i in range(15000)]
    return tipstats.Dataset.from_json(json.dumps({"tipstats": 1, "title": "version %d" % version,
                                                  "observations": rows}))
'''

WRITER = MAKE + r'''
import sys
path = sys.argv[1]
versions = [make(0), make(1)]
versions[0].save(path)
print("ready", flush=True)
k = 1
while True:
    versions[k % 2].save(path)
    k += 1
'''


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("attempt", range(4))
def test_a_killed_writer_leaves_a_whole_file(tmp_path, attempt):
    namespace = {}
    exec(MAKE, namespace)
    expected = [namespace["make"](0), namespace["make"](1)]
    path = tmp_path / "dataset.json"
    env = dict(os.environ, PYTHONPATH=str(Path(tipstats.__file__).resolve().parents[1]))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, env=env)
    try:
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(random.Random(attempt).uniform(0.05, 0.6))
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    loaded = tipstats.Dataset.load(path)
    assert loaded == expected[0] or loaded == expected[1]
    # A temporary file the kill left behind is hidden and does not end in .json: no glob for data
    # (*.json) picks it up.
    assert [p.name for p in tmp_path.glob("*.json")] == ["dataset.json"]
    for leftover in tmp_path.iterdir():
        if leftover.name != "dataset.json":
            assert leftover.name.startswith(".dataset.json.tmp")
