"""`make bench`, run tiny: every required figure is printed, each a positive number."""

import os
import re
import subprocess
import sys
from pathlib import Path

from bench.postgres_pair import binaries

ROOT = Path(__file__).resolve().parents[2]
FIGURES = [
    "append_store_sqlite", "append_raw_sqlite", "append_eventsourcing_sqlite", "rebuild_sqlite", "raw_read_sqlite",
    "minutes_as_of_p50_sqlite", "minutes_as_of_p99_sqlite", "verify_sqlite", "proof_inclusion_p99_sqlite",
    "proof_consistency_p99_sqlite", "http_append_sqlite", "http_hello_sqlite", "rebuild_peak_rss_sqlite",
    "verify_peak_rss_sqlite", "export_peak_rss_sqlite", "import_peak_rss_sqlite",
    "committee_overview_cold_sqlite", "committee_overview_p50_sqlite", "committee_overview_p99_sqlite",
    "committee_overview_after_append_sqlite", "cell_members_p99_sqlite", "cell_tasks_p99_sqlite",
]
RATIOS = ["committee_overview_p99_vs_cell_members_p99_sqlite", "append_vs_raw_sqlite", "append_vs_eventsourcing_sqlite",
          "rebuild_vs_raw_read", "http_append_vs_hello"]
POSTGRES_FIGURES = [name.replace("sqlite", "postgres") for name in FIGURES] + [
    "append_8_books_postgres", "append_1_book_8_writers_postgres"]
POSTGRES_RATIOS = ["append_vs_raw_postgres", "append_vs_eventsourcing_postgres", "rebuild_vs_raw_read_postgres",
                   "http_append_vs_hello_postgres", "books_parallel_speedup",
                   "committee_overview_p99_vs_cell_members_p99_postgres"]
STANDBY_FIGURES = [f"standby_append_{case}{what}" for case in ("single", "local", "on", "remote_apply")
                   for what in ("", "_p50", "_p99")] + ["standby_append_8_books_single",
                                                        "standby_append_8_books_remote_apply"]
STANDBY_RATIOS = [f"standby_{level}_vs_single_{what}" for level in ("local", "on", "remote_apply")
                  for what in ("rate", "p50")] + ["standby_remote_apply_vs_single_8_books"]
LINE = re.compile(r"(bench|ratio) (\S+) (\S+)(?: \S+)?")  # bench NAME VALUE UNIT, ratio NAME VALUE


def test_the_whole_benchmark_runs_tiny_and_prints_every_figure():
    done = subprocess.run([sys.executable, "-m", "bench.run"], cwd=ROOT, env={**os.environ, "BENCH_EVENTS": "3000"},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    found = {(m[1], m[2]): float(m[3]) for m in map(LINE.fullmatch, done.stdout.splitlines()) if m}
    wanted = [("bench", name) for name in FIGURES] + [("ratio", name) for name in RATIOS]
    if os.environ.get("CHIBO_TEST_POSTGRES_URL"):
        wanted += [("bench", name) for name in POSTGRES_FIGURES] + [("ratio", name) for name in POSTGRES_RATIOS]
    if binaries():  # the standby's figures need PostgreSQL's server programs, not CHIBO_TEST_POSTGRES_URL
        wanted += [("bench", name) for name in STANDBY_FIGURES] + [("ratio", name) for name in STANDBY_RATIOS]
    missing = [name for name in wanted if name not in found]
    assert not missing, done.stdout
    assert all(found[name] > 0 for name in wanted), done.stdout
    assert found["bench", "events"] == 3000


def test_the_append_latency_beside_a_witness_runs_tiny_and_prints_every_case():
    done = subprocess.run([sys.executable, "-m", "bench.witness_latency"], cwd=ROOT,
                          env={**os.environ, "BENCH_WITNESS_APPENDS": "5"}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    found = {(m[1], m[2]): float(m[3]) for m in map(LINE.fullmatch, done.stdout.splitlines()) if m}
    for case in ("none", "up", "slow", "down"):
        assert found["bench", f"append_witness_{case}_p99_sqlite"] > 0, done.stdout
    assert all(found["ratio", f"append_p50_witness_{case}_vs_none_sqlite"] > 0 for case in ("up", "slow", "down"))
