"""The load test's runner (bench/load.py): its host guard, its table and its report section.

No load is generated here and nothing is timed: the runner's own logic on made-up samples."""

import json

import pytest

from bench import load


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:3000",
        "http://10.0.0.5:3000",
        "https://api.example.com/api/v1/training",
        "http://127.0.0.2:3000",
        "ftp://127.0.0.1/",
        "127.0.0.1:3000",
    ],
)
def test_any_host_but_127_0_0_1_is_refused(url):
    # Given a target that is not this machine's 127.0.0.1 over http(s)
    # When the guard is asked / Then it refuses, naming the target
    with pytest.raises(ValueError, match=r"only aims at 127\.0\.0\.1"):
        load.require_loopback(url)


def test_127_0_0_1_is_accepted():
    # Given the local server's address (and a presigned S3 form's) / When guarded / Then it passes through
    assert load.require_loopback("http://127.0.0.1:41234") == "http://127.0.0.1:41234"
    assert load.require_loopback("http://127.0.0.1:9000/bucket") == "http://127.0.0.1:9000/bucket"


def test_percentile_is_nearest_rank():
    # Given 1..100 ms / Then p50, p95 and p99 are the 50th, 95th and 99th values; none of nothing is 0
    values = [float(n) for n in range(100, 0, -1)]
    assert (load.percentile(values, 0.5), load.percentile(values, 0.95), load.percentile(values, 0.99)) == (
        50.0,
        95.0,
        99.0,
    )
    assert load.percentile([7.0], 0.99) == 7.0
    assert load.percentile([], 0.5) == 0.0


def test_rows_split_failures_by_kind_per_group_and_in_total():
    # Given a run of 10 s: week views (one 500), schedules (one clash asked for, one unexpected 409,
    # one 422), and one upload that got no answer
    week, schedule, upload = load.GROUPS["week"], load.GROUPS["schedule"], load.GROUPS["upload"]
    samples = [
        [week, 200, 10.0, False],
        [week, 200, 30.0, False],
        [week, 500, 20.0, False],
        [schedule, 200, 50.0, False],
        [schedule, 409, 40.0, True],
        [schedule, 409, 45.0, False],
        [schedule, 422, 5.0, False],
        [upload, 0, 1.0, False],
    ]

    # When the table is built
    rows = load.build_rows(samples, seconds=10.0)

    # Then there is a row per group in the report's order, then the total
    assert [row.group for row in rows] == [week, schedule, upload, "total"]
    by_group = {row.group: row for row in rows}
    assert by_group[week].requests == 3
    assert by_group[week].per_second == pytest.approx(0.3)
    assert (by_group[week].p50, by_group[week].p95) == (20.0, 30.0)
    assert by_group[week].server_errors == 1
    assert (by_group[schedule].expected_4xx, by_group[schedule].unexpected_4xx) == (1, 2)
    assert by_group[upload].no_answer == 1
    total = by_group["total"]
    assert (total.requests, total.expected_4xx, total.unexpected_4xx, total.server_errors, total.no_answer) == (
        8,
        1,
        2,
        1,
        1,
    )
    assert total.per_second == pytest.approx(0.8)


def test_the_section_replaces_its_old_self_and_keeps_the_rest(tmp_path):
    # Given a report with a section before it and an old load section
    rows = load.build_rows([[load.GROUPS["week"], 200, 12.0, False]], seconds=2.0)
    report = tmp_path / "benchmarks.md"
    report.write_text(
        f"# Benchmarks\n\nother figures\n\n{load.SECTION_START}\nold figures\n{load.SECTION_END}\n\ntail\n"
    )

    # When the new section is written
    load.write_section(load.section([(20, 2.0, rows)], "2026-12-01 00:00 UTC", "a test machine"), report)

    # Then the old figures are gone, the new table and machine are there once, and the rest is kept
    text = report.read_text()
    assert "old figures" not in text
    assert text.count(load.SECTION_START) == 1
    assert "**20 concurrent users, 2 s**" in text
    assert "| **total** | 1 | 0.5 | 12 | 12 | 12 | 0 | 0 | 0 | 0 |" in text
    assert "a test machine" in text
    assert text.startswith("# Benchmarks\n\nother figures\n") and text.rstrip().endswith("tail")


def test_a_run_is_written_only_when_it_is_the_real_one(monkeypatch):
    # Given the runner with no server or locust behind it (each run answers one week view)
    calls = []
    monkeypatch.setattr(load, "LocalServer", _FakeServer)
    monkeypatch.setattr(load, "seed", lambda url, trainers: {"course": "c", "trainers": list(range(trainers))})
    monkeypatch.setattr(load, "fresh_trainers", lambda url, course, count: list(range(100, 100 + count)))
    trainers_per_run = []

    def run_locust(url, setup, users, seconds, folder):
        trainers_per_run.append(json.loads(setup.read_text())["trainers"])
        return seconds, [[load.GROUPS["week"], 200, 5.0, False]]

    monkeypatch.setattr(load, "run_locust", run_locust)
    monkeypatch.setattr(load, "write_section", lambda text, report=load.REPORT: calls.append(text))

    # When a smoke run and then the real run are asked for
    assert load.main(["--users", "3", "--seconds", "5"]) == 0
    assert calls == []
    assert load.main([]) == 0

    # Then only the real run (20 and 50 users, 120 s) writes, with both scenarios
    assert len(calls) == 1
    assert "**20 concurrent users, 120 s**" in calls[0] and "**50 concurrent users, 120 s**" in calls[0]
    # and each run's users had trainers of their own, none booked by an earlier run
    assert [len(trainers) for trainers in trainers_per_run] == [3, 20, 50]
    assert not set(trainers_per_run[1]) & set(trainers_per_run[2])


def test_a_5xx_fails_the_run(monkeypatch):
    # Given a run in which the server answered one 500
    monkeypatch.setattr(load, "LocalServer", _FakeServer)
    monkeypatch.setattr(load, "seed", lambda url, trainers: {"course": "c", "trainers": [1, 2]})
    monkeypatch.setattr(
        load,
        "run_locust",
        lambda url, setup, users, seconds, folder: (seconds, [[load.GROUPS["picker"], 500, 5.0, False]]),
    )

    # When it runs / Then its exit status says so
    assert load.main(["--users", "2", "--seconds", "1"]) == 1


class _FakeServer:
    url = "http://127.0.0.1:1"

    def __init__(self):
        import tempfile
        from pathlib import Path

        self.folder = Path(tempfile.mkdtemp(prefix="titan-load-test-"))

    def __enter__(self):
        return self

    def __exit__(self, *_):
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


def test_make_bench_keeps_the_load_section(tmp_path):
    # Given a report holding a load section between others, and one holding none
    section = f"{load.SECTION_START}\n## Under load\n\nfigures\n{load.SECTION_END}\n"
    report = tmp_path / "benchmarks.md"
    report.write_text(f"# Benchmarks\n\nbench\n\n{section}\nmore\n")
    bare = tmp_path / "bare.md"
    bare.write_text("# Benchmarks\n")

    # When `make bench` asks for it before rewriting the report / Then it gets exactly that section
    assert load.current_section(report) == section
    assert load.current_section(bare) == ""
    assert load.current_section(tmp_path / "missing.md") == ""


def test_locust_itself_refuses_another_host_before_any_request(tmp_path):
    # Given the locustfile run by hand at a host that is not 127.0.0.1 (nothing listens there)
    import json
    import os
    import subprocess
    import sys

    setup = tmp_path / "setup.json"
    setup.write_text(json.dumps({"trainers": ["t"], "course": "c", "venues": ["v"], "personnel": ["p"]}))
    env = {
        **os.environ,
        "LOAD_SETUP": str(setup),
        "PYTHONPATH": os.pathsep.join(map(str, [load.ROOT, load.ROOT / "layers" / "shared"])),
    }
    command = [sys.executable, "-m", "locust", "-f", str(load.ROOT / "bench" / "locustfile.py"), "--headless"]
    command += ["--host", "http://localhost:9", "--users", "1", "--run-time", "3s", "--only-summary"]

    # When locust starts
    ran = subprocess.run(command, env=env, cwd=load.ROOT, capture_output=True, text=True, timeout=60, check=False)

    # Then it exits at once with the refusal, and no request was made (no summary line for any group)
    assert ran.returncode != 0
    assert "only aims at 127.0.0.1" in ran.stdout + ran.stderr
    assert not any(name in ran.stdout + ran.stderr for name in load.GROUPS.values())
