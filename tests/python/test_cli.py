import json
import pathlib
import subprocess
import sys
import warnings

import numpy as np
import pytest

import tipstats as ts

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


def test_python_victim_statistics_example_runs():
    script = pathlib.Path(__file__).resolve().parents[2] / "examples" / "python" / "victim_statistics.py"
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, encoding="utf-8",
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "consistency findings: 0" in result.stdout
    assert "under 15: 26.6% (95% CI 21.6% to 32.3%)" in result.stdout
    assert "unknown    NaN     below    5.0" in result.stdout


def test_readme_python_quick_start_runs(tmp_path, monkeypatch):
    readme = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python quick start", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)  # it saves a file
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "cambodia.json").exists()


# --- report: observations, consistency checks and the claims quoted in notes ---------------------


def test_report_lists_observations_checks_and_the_quoted_claim():
    result = run("report", "--date", "2020-06-01")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Observations (4)" in out
    table = out.split("Observations (4)\n", 1)[1].splitlines()
    assert table[0].split() == ["row", "measure", "value", "unit", "period", "area", "offence", "age", "sex", "source"]
    row = table[2].split()
    assert row[:5] == ["1", "victims_rescued", "70", "count", "2019-H1"] and "0-14" in row
    assert "Consistency checks\n  none failed" in out
    claim = next(line for line in out.splitlines() if "an increase of nearly 150 per cent" in line)
    assert claim.strip().startswith("row 0 (victims_rescued, 2019-H1)") and claim.endswith("needs the previous count")
    # the explanation is check_claim's: the wording with 263 now fits a previous count of 106 to 111
    assert "106 to 111" in out


def test_report_json_is_the_same_data():
    result = run("report", "--date", "2020-06-01", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == "2020-06-01" and len(data["partners"]) == 7
    statuses = {a["id"]: a["status"] for a in data["agreements"]}
    assert statuses["moi-cpu-2019"] == "active" and list(statuses.values()).count("unknown") == 4
    assert data["agreements"][0]["parties"] and data["renewal_chains"][0]["renewals"] == 1
    assert [o["value"] for o in data["observations"]] == ["263", "70", "31", "86"]
    assert data["findings"] == []
    [claim] = data["claims"]
    assert claim["claim"] == "an increase of nearly 150 per cent"
    assert claim["current"] == 263 and claim["previous"] is None and claim["consistent"] is None
    assert claim["baseline_range"] == [106.0, 111.0]


def test_report_checks_a_claim_against_last_years_count_and_shows_findings(tmp_path):
    ds = ts.datasets.cambodia_2019()
    ds.add_observation("victims_rescued", 105, "2018-H1", area="KHM", offence="sexual_assault", source="ppp-2019")
    ds.add_observation("victims_rescued", 300, "2019-H1", area="KHM", offence="sexual_assault", age="15-17",
                       source="ppp-2019", note="a made-up breakdown above its total")
    path = tmp_path / "changed.json"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ts.ConsistencyWarning)
        ds.save(str(path))
    result = run("report", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    [claim] = data["claims"]
    # +150.5 % is over 150, not "nearly": the check must say so (check_claim's own doctest)
    assert claim["previous"] == 105 and claim["consistent"] is False
    assert claim["explanation"] == ts.check_claim(claim["claim"], 263, 105).explanation
    assert data["findings"] and {f["kind"] for f in data["findings"]} == {f.kind for f in ds.observations.check()}
    text = run("report", str(path)).stdout
    assert "INCONSISTENT" in text and "Consistency checks\n  none failed" not in text


# --- trend ----------------------------------------------------------------------------------------


def write_series(path, rows):
    header = "measure,value,unit,period,area,offence,age,sex,source,note\n"
    path.write_text(header + "".join(f"victims,{v},count,{p},KHM,all,{a},all,,\n" for p, a, v in rows), "utf-8")
    return path


COUNTS = {"all": [105, 130, 160, 210, 263, 250], "0-14": [30, 41, 38, 60, 70, 71], "15-17": [10, 9, 12, 8, 11, 14]}


def series_file(tmp_path, with_censored=False):
    rows = [(2014 + i, age, v) for age, values in COUNTS.items() for i, v in enumerate(values)]
    if with_censored:
        rows += [(2020, "15-17", "<5"), (2019, "18+", 40)]
    return write_series(tmp_path / "victims.csv", rows)


def test_trend_json_matches_statsmodels_and_pymannkendall(tmp_path):
    sm = pytest.importorskip("statsmodels.api")
    mk = pytest.importorskip("pymannkendall")
    result = run("trend", str(series_file(tmp_path)), "--measure", "victims", "--by", "age", "--model", "poisson",
                 "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["age"]: row for row in json.loads(result.stdout)}
    assert list(rows) == ["all", "0-14", "15-17"]
    x = ts.Observations.read_csv(series_file(tmp_path)).series("victims", age="all").x  # the years' midpoints
    assert x == pytest.approx(np.arange(2014, 2020) + 0.5, abs=2e-3)
    for age, counts in COUNTS.items():
        glm = sm.GLM(counts, sm.add_constant(x), family=sm.families.Poisson()).fit(tol=1e-14)  # its default stops early
        lower, upper = glm.conf_int()[1]
        row = rows[age]
        assert row["n"] == 6 and row["periods"] == "2014..2019" and row["note"] == ""
        assert (row["n_censored"], row["n_missing"]) == (0, 0)
        assert row["apc"] == pytest.approx(100 * np.expm1(glm.params[1]), rel=1e-8)
        assert (row["apc_lower"], row["apc_upper"]) == pytest.approx((100 * np.expm1(lower), 100 * np.expm1(upper)),
                                                                     rel=1e-7)
        assert row["p_value"] == pytest.approx(glm.pvalues[1], rel=1e-6, abs=1e-300)
        reference = mk.original_test(counts)
        assert row["mk_trend"] == reference.trend and row["mk_tau"] == pytest.approx(reference.Tau)
        assert row["mk_p"] == pytest.approx(reference.p, rel=1e-9)
        assert row["sen_slope"] == pytest.approx(reference.slope)


def test_trend_default_is_the_negative_binomial_table(tmp_path):
    obs = ts.Observations.read_csv(series_file(tmp_path, with_censored=True))
    result = run("trend", str(series_file(tmp_path, with_censored=True)), "--measure", "victims", "--by", "age",
                 "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    expected = obs.trends("victims", by="age", model="negbin")
    assert [row["age"] for row in rows] == list(expected["age"])
    for row, (_, want) in zip(rows, expected.iterrows()):
        assert row["apc"] == (None if np.isnan(want["apc"]) else want["apc"]) and row["note"] == want["note"]


def test_trend_table_and_a_series_it_cannot_fit(tmp_path):
    result = run("trend", str(series_file(tmp_path, with_censored=True)), "--measure", "victims", "--by", "age",
                 "--no-progress")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Trend of victims by age (negative binomial; censored counts used through their bounds)"
    assert lines[1].split()[:7] == ["age", "periods", "n", "<b", "missing", "APC", "%/yr"]
    young = next(line for line in lines if line.strip().startswith("0-14"))
    assert young.split()[1:3] == ["2014..2019", "6"] and "increasing" in young
    censored = next(line for line in lines if line.strip().startswith("15-17"))
    assert censored.split()[1:4] == ["2014..2020", "7", "1"]  # "<5" in 2020 is used, not refused
    single = next(line for line in lines if line.strip().startswith("18+"))
    assert "log-linear: a negbin log-linear fit needs at least 3 non-missing counts, got 1" in single
    assert result.stderr == ""


def test_trend_progress_goes_to_stderr(tmp_path):
    result = run("trend", str(series_file(tmp_path)), "--measure", "victims", "--by", "age", "--progress", "--json")
    assert result.returncode == 0
    # tipstats' counter ("fitting 3/3 series") or, where tqdm is installed, its bar ("fitting: ... 3/3")
    assert "fitting" in result.stderr and "3/3" in result.stderr
    json.loads(result.stdout)


def test_trend_on_the_bundled_document_filters_like_series(tmp_path):
    ds = ts.datasets.cambodia_2019()
    path = tmp_path / "cambodia.json"
    ds.save(str(path))
    result = run("trend", str(path), "--measure", "victims_rescued", "--offence", "sexual_assault", "--json")
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["n"] == 1 and row["apc"] is None and row["note"]  # one half-year cannot make a trend
    missing = run("trend", str(path), "--measure", "victims_rescued")  # offence unset means "all": none
    assert missing.returncode == 1 and missing.stderr.startswith("tipstats: error: ")
    assert "Traceback" not in missing.stderr


# --- tabulate -------------------------------------------------------------------------------------


def test_tabulate_counts_like_pandas_and_prints_json():
    pd = pytest.importorskip("pandas")
    path = DATA / "ctdc_like.csv"
    records = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False).replace("", "(empty)")
    expected = records.groupby(["gender", "ageBroad"]).size()
    assert "(empty)" in set(records["ageBroad"])  # the file has records without an age
    result = run("tabulate", str(path), "--by", "gender", "ageBroad", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {(r["gender"], r["ageBroad"]): r["count"] for r in rows} == {
        (g, a): int(n) for (g, a), n in expected.items() if n}
    text = run("tabulate", str(path), "--by", "gender")
    assert text.returncode == 0
    assert text.stdout.split()[:2] == ["gender", "count"]
    counts = records["gender"].value_counts()
    for line in text.stdout.splitlines()[1:]:
        gender, count = line.split()
        assert int(count) == counts[gender]


def test_tabulate_protected_by_suppression_withholds_small_cells():
    result = run("tabulate", str(DATA / "ctdc_like.csv"), "--by", "gender", "ageBroad", "--protect", "suppress",
                 "--threshold", "10", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    published = [r["count"] for r in rows if r["count"] is not None]
    assert published and all(c == 0 or c >= 10 for c in published)  # no records is no one to expose
    assert any(r["count"] is None for r in rows)
    assert any(r["gender"] == "all" for r in rows)  # margins, as privacy.suppress adds them


def test_tabulate_noise_needs_epsilon_and_is_reproducible_with_a_seed():
    args = ("tabulate", str(DATA / "ctdc_like.csv"), "--by", "gender", "--protect", "noise", "--json")
    missing = run(*args)
    assert missing.returncode == 1 and "--epsilon" in missing.stderr
    first, second = run(*args, "--epsilon", "1", "--seed", "3"), run(*args, "--epsilon", "1", "--seed", "3")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    pd = pytest.importorskip("pandas")
    records = pd.read_csv(DATA / "ctdc_like.csv", comment="#", dtype=str, keep_default_na=False)
    expected = ts.privacy.protect(ts.tabulate(records, by=["gender"]), ["gender"], "noise", epsilon=1.0, seed=3)
    assert json.loads(first.stdout) == expected.to_dict(orient="records")


def test_tabulate_names_a_missing_column():
    result = run("tabulate", str(DATA / "ctdc_like.csv"), "--by", "gender", "age")
    assert result.returncode == 1
    assert "no column 'age'" in result.stderr and "ageBroad" in result.stderr


def test_tabulate_adds_up_a_table_of_counts_by_its_weights_column(tmp_path):
    pd = pytest.importorskip("pandas")
    # Modelled on the seed article: 263 victims in the first half of 2019, 70 under 15, 31 aged 15 to 18.
    table = pd.DataFrame({"period": ["2019-H1"] * 3 + ["2018-H1"], "age": ["under 15", "15-18", "not given", "all"],
                          "victims": ["70", "31", "162", "1,055"]})
    path = tmp_path / "published.csv"
    table.to_csv(path, index=False)
    result = run("tabulate", str(path), "--by", "period", "--weights", "victims", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"period": "2018-H1", "count": 1055}, {"period": "2019-H1", "count": 263}]
    for bad, message in (("-3", "data row 2, column 'victims': must not be negative"),
                         ("seventy", "data row 2, column 'victims': not a number"),
                         ("2.5", "data row 2, column 'victims': must be whole numbers")):
        table.loc[1, "victims"] = bad
        table.to_csv(path, index=False)
        refused = run("tabulate", str(path), "--by", "period", "--weights", "victims")
        assert refused.returncode == 1 and message in refused.stderr, refused.stderr
        assert bad not in refused.stderr  # victim data is not echoed
    missing = run("tabulate", str(path), "--by", "period", "--weights", "count_of_victims")
    assert missing.returncode == 1 and "no column 'count_of_victims'" in missing.stderr
