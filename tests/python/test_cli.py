import pathlib
import subprocess
import sys

import pytest

DATA = pathlib.Path(__file__).resolve().parent.parent / "data"


def run(*args):
    return subprocess.run([sys.executable, "-m", "tipstats", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_report_on_the_bundled_example():
    result = run("report", "--date", "2020-06-01")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Cambodia 2019")
    assert "Partners (7)" in out and "Agreements (5), status on 2020-06-01" in out
    assert "Action Pour Les Enfants (APLE)" in out
    cpu_line = next(line for line in out.splitlines() if line.strip().startswith("moi-cpu-2019"))
    assert cpu_line.split()[-1] == "active"
    assert "2021-12-31..2022-12-30 (36 months)" in cpu_line
    assert "1 active, 4 unknown" in out
    assert "moi-cpu-2019: 1 renewal(s)" in out
    assert "ppp-2019: The Phnom Penh Post, 2019" in out


def test_report_without_a_date_uses_today():
    result = run("report")
    assert result.returncode == 0, result.stderr
    assert "status on 20" in result.stdout


def test_report_on_a_file_shows_chains_and_statuses():
    result = run("report", str(DATA / "partnership.json"), "--date", "2020-05-01")
    assert result.returncode == 0, result.stderr
    assert "first -> second -> third: 2 renewal(s)" in result.stdout
    assert "2 expired, 1 suspended, 1 unknown" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["report", str(DATA / "unknown_partner.json")],
     "unknown_partner.json:7:36: field 'agreements[0].parties[1].partner_id': unknown partner 'aple'"),
    (["report", str(DATA / "malformed.json")], "malformed.json:5:19"),
    (["report", str(DATA / "no-such-file.json")], "No such file"),
    (["report", "--date", "2019-02-30"], "impossible date 2019-02-30"),
])
def test_report_errors_are_one_readable_line(args, message):
    result = run(*args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("tipstats: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_and_version():
    assert run().returncode == 2
    assert run("frobnicate").returncode == 2
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("tipstats ")


def test_python_quickstart_runs(tmp_path):
    script = pathlib.Path(__file__).resolve().parents[2] / "examples" / "python" / "quickstart.py"
    result = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "new agreement ends: 2025-07-31" in result.stdout
    assert (tmp_path / "cambodia.json").exists()


def test_readme_python_quick_start_runs(tmp_path, monkeypatch):
    readme = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python quick start", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)  # it saves a file
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "cambodia.json").exists()
