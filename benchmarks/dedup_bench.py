"""Repeat detection at scale: dumpflow's ingest against datasketch and datatrove, on one corpus.

    python benchmarks/dedup_bench.py CORPUS_DIR [--skip-baseline] [--skip-datatrove] [--incremental] [--workdir DIR]

CORPUS_DIR is what benchmarks/corpus.py wrote (dumps/ and the truth files).
All systems run as child processes on the same dumps, one after the other,
so each gets the machine to itself and its peak memory is its own. dumpflow
runs through its public CLI only (`ingest`, then `query` for the predicted
article of every sighting), so this script keeps working while the engine's
modules change; only `--incremental` reaches into `dumpflow.dedup`, and it
reports "n/a" rather than failing when that API moves.

Peak RSS comes from `os.wait4` on the child: the largest resident set of any
single process in its tree (the kernel's ru_maxrss, which for a tree is the
max, not the sum). Prefect's temporary API server is a separate process in
the ingest's tree, so the table also gives the tree's summed RSS, sampled
from /proc every 0.2 s (it can miss a peak shorter than that).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

try:
    from benchmarks import corpus, scoring
except ModuleNotFoundError:  # run as a script: python benchmarks/dedup_bench.py
    import corpus  # type: ignore[no-redef]
    import scoring  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "baseline_datasketch.py"
DATATROVE = Path(__file__).resolve().parent / "baseline_datatrove.py"
PREDICTIONS_SQL = (
    "select d.source_name, s.position, s.article_id from sightings s join dumps d using (dump_id) "
    "order by d.source_name, s.position"
)
SAMPLE_SECONDS = 0.2
_SECONDS = re.compile(r"^seconds: ([0-9.]+)\b", re.MULTILINE)
_RUNNER = re.compile(r"^runner: (.+)$", re.MULTILINE)
_STAGES = re.compile(r"^seconds: [0-9.]+\s+\(([^)]*)\)", re.MULTILINE)
_STAGE = re.compile(r"([A-Za-z_][\w-]*) ([0-9.]+)")


# --- running a child and measuring it ---------------------------------------------


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    wall: float
    peak_rss_mb: float  # largest single process in the tree (wait4 ru_maxrss)
    tree_rss_mb: float  # largest sampled sum over the tree
    started_at: float = 0.0  # time.time() when the child was started
    ended_at: float = 0.0  # time.time() when it had exited

    def check(self, what: str) -> Run:
        if self.returncode != 0:
            tail = "\n".join((self.stderr or self.stdout).splitlines()[-20:])
            raise SystemExit(f"dedup_bench: {what} failed (exit {self.returncode}):\n{tail}")
        return self

    def reported_seconds(self) -> float | None:
        """The last `seconds: N` line the child printed (its own timing), if any."""
        found = _SECONDS.findall(self.stdout)
        return float(found[-1]) if found else None

    def reported_runner(self) -> str | None:
        """The `runner:` line of dumpflow's summary: where the run really ran, as its cluster said."""
        found = _RUNNER.findall(self.stdout)
        return found[-1].strip() if found else None


def stage_seconds(stdout: str) -> dict[str, float]:
    """Seconds per stage from a child's `seconds: N  (stage S, ...)` line, in the order printed.

    dumpflow's summary prints the flow's own stopwatch per stage (prepare,
    dedup, annotate, load); the datatrove baseline prints its four stages the
    same way. Prefect's task log lines are not used: the
    CLI keeps Prefect's console at ERROR, so a run prints none of them.
    """
    found = _STAGES.findall(stdout)
    return {name: float(sec) for name, sec in _STAGE.findall(found[-1])} if found else {}


def format_stage_seconds(stages: dict[str, float]) -> str:
    total = sum(stages.values())
    if not total:
        return "n/a (no per-stage seconds in its output)"
    return ", ".join(f"{name} {sec:.2f} s ({sec / total:.0%})" for name, sec in stages.items())


def _tree_rss_kb(pid: int) -> int:
    """Summed VmRSS of a process and its descendants, from /proc (0 once it is gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def run_measured(cmd: Sequence[str], env: dict[str, str], log_dir: Path, name: str) -> Run:
    """Run a child to completion; wall time, peak RSS (wait4) and sampled tree RSS.

    Output goes to files, not pipes: Prefect logs a lot and a full pipe would
    stall the child and corrupt its timing.
    """
    out_path, err_path = log_dir / f"{name}.stdout", log_dir / f"{name}.stderr"
    peak_tree = 0
    stop = threading.Event()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started, started_at = time.perf_counter(), time.time()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env, cwd=ROOT)

        def sample() -> None:
            nonlocal peak_tree
            while not stop.wait(SAMPLE_SECONDS):
                peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall, ended_at = time.perf_counter() - started, time.time()
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        sampler.join()
    peak_mb = usage.ru_maxrss / 1024
    return Run(
        returncode=proc.returncode,
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
        wall=wall,
        peak_rss_mb=peak_mb,
        tree_rss_mb=max(peak_tree / 1024, peak_mb),
        started_at=started_at,
        ended_at=ended_at,
    )


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    env.pop("DUMPFLOW_WAREHOUSE", None)  # the warehouse is always passed explicitly
    return env


@contextlib.contextmanager
def prefect_server(work: Path, env: dict[str, str]) -> Iterator[str]:
    """A `prefect server start` for the dumpflow runs, as the README suggests for repeated runs.

    Without one, every ingest boots a temporary server first (12-14 s here),
    which is Prefect's start-up, not dumpflow's work; with one, the wall time
    is the ingest's own plus its API calls. The server's start-up is not timed.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    url = f"http://127.0.0.1:{port}/api"
    server_env = {**env, "PREFECT_HOME": str(work / "prefect-home")}
    log = (work / "prefect-server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"prefect server did not start; see {work / 'prefect-server.log'}")
            time.sleep(0.5)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


# --- the systems -------------------------------------------------------------------


def dumpflow_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "dumpflow", *args]


def query_predictions(warehouse: Path, env: dict[str, str], log_dir: Path, name: str) -> dict[scoring.Key, str]:
    run = run_measured(
        dumpflow_cmd("query", PREDICTIONS_SQL, "--format", "csv", "--warehouse", str(warehouse)), env, log_dir, name
    ).check("dumpflow query")
    rows = csv.DictReader(io.StringIO(run.stdout))
    return {(r["source_name"], int(r["position"])): r["article_id"] for r in rows}


def fresh_warehouse(path: Path) -> Path:
    for p in (path, path.with_name(path.name + ".wal"), path.with_name(path.name + ".lock")):
        p.unlink(missing_ok=True)
    shutil.rmtree(path.with_name(path.name + ".keys"), ignore_errors=True)  # its sorted key runs (keyruns.py)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Result:
    role: str  # dumpflow, dumpflow-<runner>, datasketch or datatrove: what the targets compare
    system: str
    run: Run
    inner_seconds: float | None
    inner_label: str
    predicted: dict[scoring.Key, str]


def run_dumpflow(dumps: Path, warehouse: Path, env: dict[str, str], log_dir: Path, runner: str = "thread") -> Result:
    name = "dumpflow ingest" if runner == "thread" else f"dumpflow ingest --runner {runner}"
    tag = "dumpflow-ingest" if runner == "thread" else f"dumpflow-ingest-{runner}"
    run = run_measured(
        dumpflow_cmd("ingest", str(dumps), "--warehouse", str(warehouse), "--runner", runner), env, log_dir, tag
    ).check(name)
    said = run.reported_runner() or "nothing"
    if not said.startswith(runner):  # a row named after a runner that did not run would be a lie
        raise SystemExit(f"dedup_bench: {name} reported runner {said!r}")
    predicted = query_predictions(warehouse, env, log_dir, f"{tag}-query")
    role = "dumpflow" if runner == "thread" else f"dumpflow-{runner}"
    return Result(role, name, run, run.reported_seconds(), "flow's own `seconds:`", predicted)


def median_result(runs: Sequence[Result]) -> Result:
    """The run with the median wall time, carrying the largest peak RSS of all runs."""
    ordered = sorted(runs, key=lambda r: r.run.wall)
    mid = ordered[(len(ordered) - 1) // 2]
    run = dataclasses.replace(
        mid.run,
        peak_rss_mb=max(r.run.peak_rss_mb for r in runs),
        tree_rss_mb=max(r.run.tree_rss_mb for r in runs),
    )
    return dataclasses.replace(mid, run=run)


def run_baseline(dumps: Path, threshold: float, env: dict[str, str], log_dir: Path) -> Result:
    labels = log_dir / "baseline-labels.csv"
    cmd = [sys.executable, str(BASELINE), str(dumps), "--threshold", str(threshold), "--labels", str(labels)]
    run = run_measured(cmd, env, log_dir, "baseline").check("datasketch baseline")
    predicted = scoring.read_labels(labels, "label")
    return Result(
        "datasketch", f"datasketch MinHashLSH t={threshold}", run, run.reported_seconds(), "loop only", predicted
    )


def run_datatrove(dumps: Path, env: dict[str, str], log_dir: Path) -> Result:
    """datatrove's four MinHash stages (benchmarks/baseline_datatrove.py), its work files under log_dir."""
    labels = log_dir / "datatrove-labels.csv"
    cmd = [sys.executable, str(DATATROVE), str(dumps), "--labels", str(labels), "--workdir", str(log_dir)]
    run = run_measured(cmd, env, log_dir, "datatrove").check("datatrove baseline")
    config = re.search(r"^config: .*?(\d+) buckets x (\d+) hashes", run.stdout, re.MULTILINE)
    shape = f"{config[1]}x{config[2]}" if config else "?"
    predicted = scoring.read_labels(labels, "label")
    return Result(
        "datatrove", f"datatrove MinHash 4 stages {shape}", run, run.reported_seconds(), "stages only", predicted
    )


# --- the incremental case ------------------------------------------------------------


def time_match_dumps(dump_path: Path, warehouse: Path, rounds: int = 3) -> tuple[str, list[float]]:
    """Seconds `dumpflow.dedup.match_dumps` takes for one new dump against the warehouse.

    Reads the engine's modules, which the lead is rewriting: any API change is
    reported, not raised, so the rest of the benchmark still prints.
    """
    try:
        from dumpflow import clean, config, dedup, read
        from dumpflow import warehouse as wh

        found = read.identify(dump_path)
        parsed = read.read_dump(found, config.max_bytes())  # type: ignore[arg-type]
        cleaned = clean.clean_dump(parsed)  # type: ignore[arg-type]
        times: list[float] = []
        con = wh.connect(warehouse, read_only=True)
        try:
            for _ in range(rounds):
                started = time.perf_counter()
                dedup.match_dumps([cleaned], wh.WarehouseSource(con))
                times.append(time.perf_counter() - started)
        finally:
            con.close()
        return "ok", times
    except Exception as exc:  # an API moved or the warehouse changed shape: say so, go on
        return f"n/a ({type(exc).__name__}: {exc})", []


def run_incremental(
    corpus_dir: Path, warehouse: Path, main_predicted: dict[scoring.Key, str], env: dict[str, str], work: Path
) -> tuple[list[str], tuple[float, str] | None]:
    """One more 12-entry dump against the loaded warehouse: dedup seconds and whether it matched right.

    The seconds are `match_dumps`' first in-process call when that API is
    there, else the dedup stage of the flow's own summary for the ingest.
    """
    inc_dir = work / "incremental"
    shutil.rmtree(inc_dir, ignore_errors=True)
    rows = corpus.incremental_dump(corpus_dir, inc_dir)
    articles = query_scalar(warehouse, env, work, "select count(*) as n from articles")
    dump_path = next((inc_dir / "dumps").glob("*.txt"))
    status, times = time_match_dumps(dump_path, warehouse)
    run = run_measured(
        dumpflow_cmd("ingest", str(inc_dir / "dumps"), "--warehouse", str(warehouse), "--json"),
        env,
        work,
        "incremental-ingest",
    ).check("dumpflow ingest (incremental)")
    predicted = query_predictions(warehouse, env, work, "incremental-query")
    truth = scoring.read_labels(corpus_dir / "truth.csv", "article")
    ids_of: dict[str, set[str]] = {}
    for key, article in truth.items():
        if key in main_predicted:
            ids_of.setdefault(article, set()).add(main_predicted[key])
    known_ids = set(main_predicted.values())
    right = {"repeat": [0, 0], "new": [0, 0]}
    for name, position, article, kind in rows:
        got = predicted.get((name, position))
        group = "new" if kind == "new" else "repeat"
        right[group][1] += 1
        ok = got not in known_ids if kind == "new" else got in ids_of.get(article, set())
        right[group][0] += bool(got) and ok
    summary = ingest_json(run.stdout)
    dedup_stage = summary.get("stage_seconds", {}).get("dedup", float("nan"))
    lines = [
        f"warehouse: {articles} articles before the dump {dump_path.name}",
        f"dedup.match_dumps in-process: {status}"
        + (f", {times[0]:.3f} s first call, {min(times):.3f} s best of {len(times)}" if times else ""),
        f"ingest of the one dump: {run.wall:.2f} s wall, flow `seconds:` {summary.get('seconds')}; "
        f"its dedup stage (flow summary): {dedup_stage:.2f} s",
        *incremental_split(run, summary),
        f"repeats matched to their article: {right['repeat'][0]}/{right['repeat'][1]}; "
        f"new articles kept new: {right['new'][0]}/{right['new'][1]}",
    ]
    if times:
        return lines, (times[0], "match_dumps, first call")
    if dedup_stage == dedup_stage:  # not NaN: the summary had a dedup stage
        return lines, (dedup_stage, "the ingest's dedup stage")
    return lines, None


def ingest_json(stdout: str) -> dict:
    """The object `dumpflow ingest --json` printed ({} when there is none, e.g. an older dumpflow)."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def incremental_split(run: Run, summary: Mapping[str, object]) -> list[str]:
    """Where a small ingest's wall time goes: the process, Prefect, or the run's own work.

    From the clock readings of `dumpflow ingest --json` (`timeline`) and the
    child's start and exit as seen from here: process start and imports (up
    to the flow call), Prefect starting the flow run, the flow's own code (its
    stages, then what else it ran: listing, the warehouse's ledger, Prefect's
    task runs), Prefect finishing the flow run, and the process exiting.
    """
    times = summary.get("timeline")
    if not isinstance(times, dict):
        return ["wall time split: n/a (no `timeline` in the ingest's --json)"]
    called, began, returned = times["flow_called"], times["flow_began"], times["flow_returned"]
    flow = times["flow_seconds"]
    stages: dict[str, float] = dict(summary.get("stage_seconds") or {})  # type: ignore[call-overload]
    parts = {
        "process start + imports": called - run.started_at,
        "Prefect flow start": began - called,
        "flow's own code": flow,
        "Prefect flow finish": returned - (began + flow),
        "output + process exit": run.ended_at - returned,
    }
    staged = sum(stages.values())
    inside = ", ".join(f"{name} {sec:.2f}" for name, sec in stages.items())
    return [
        f"wall time split ({run.wall:.2f} s): " + ", ".join(f"{name} {sec:.2f} s" for name, sec in parts.items()),
        f"  the flow's own {flow:.2f} s: stages {staged:.2f} s ({inside}), "
        f"the rest {flow - staged:.2f} s (listing, ledger, Prefect task runs)",
    ]


def query_scalar(warehouse: Path, env: dict[str, str], log_dir: Path, sql: str) -> str:
    run = run_measured(
        dumpflow_cmd("query", sql, "--format", "csv", "--warehouse", str(warehouse)), env, log_dir, "scalar-query"
    ).check("dumpflow query")
    lines = run.stdout.strip().splitlines()
    return lines[-1] if len(lines) >= 2 else "?"


# --- reporting ----------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown"
    mem_gb = 0.0
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
        cpu = models[0] if models else cpu
        meminfo = Path("/proc/meminfo").read_text()
        mem_gb = next(int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:")) / 2**20
    except (OSError, StopIteration, ValueError):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return [
        f"machine: nproc {usable}, CPU {cpu}, RAM {mem_gb:.1f} GiB, load average at start {load}",
        f"python {platform.python_version()}, dumpflow commit {commit.stdout.strip() or '?'}",
    ]


def table(results: Sequence[Result], scores: Sequence[scoring.Score], entries: int) -> list[str]:
    head = "| system | entries | seconds | entries/s | peak RSS MB | tree RSS MB | precision | recall | F1 |"
    out = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for result, sc in zip(results, scores, strict=True):
        timings = [("end-to-end wall", result.run.wall)]
        if result.inner_seconds:
            timings.append((result.inner_label, result.inner_seconds))
        for label, seconds in timings:
            out.append(
                f"| {result.system} ({label}) | {entries} | {seconds:.2f} | {entries / seconds:,.0f} | "
                f"{result.run.peak_rss_mb:,.0f} | {result.run.tree_rss_mb:,.0f} | "
                f"{sc.precision:.4f} | {sc.recall:.4f} | {sc.f1:.4f} |"
            )
    return out


def detail(results: Sequence[Result], truth: dict[scoring.Key, str], corpus_dir: Path) -> list[str]:
    """Recall per repeat kind and wrongly merged trap pairs: where each system loses its F1."""
    kinds = scoring.read_labels(corpus_dir / "kinds.csv", "kind")
    traps = scoring.read_traps(corpus_dir / "traps.csv")
    per_kind = [scoring.kind_recall(truth, kinds, r.predicted) for r in results]
    per_trap = [scoring.trap_false_pairs(truth, traps, r.predicted) for r in results]
    names = " | ".join(r.system for r in results)
    out = ["", f"| repeat kind (recall: joined its first sighting) | n | {names} |"]
    out.append("|---|---:|" + "---:|" * len(results))
    for kind in corpus.REPEAT_KINDS:
        total = per_kind[0].get(kind, (0, 0))[1]
        cells = " | ".join(f"{k.get(kind, (0, 0))[0] / total:.4f}" if total else "-" for k in per_kind)
        out.append(f"| {kind} | {total} | {cells} |")
    out += ["", f"| trap (pairs of different articles merged) | entries | {names} |"]
    out.append("|---|---:|" + "---:|" * len(results))
    for trap in sorted(per_trap[0]):
        cells = " | ".join(str(t[trap][0]) for t in per_trap)
        out.append(f"| {trap} | {per_trap[0][trap][1]} | {cells} |")
    return out


def targets(
    entries: int,
    rows: Mapping[str, tuple[Result, scoring.Score]],
    dedup: tuple[float, str] | None,
) -> list[str]:
    """Issue #14's targets against this run (set for 100k and 1M entries, so read them with the size).

    `rows` maps a role (dumpflow, datasketch, datatrove) to its median result
    and score; a system left out of the run makes its comparisons n/a.
    """

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else "met" if ok else "NOT met"

    df, df_score = rows["dumpflow"]
    rate = entries / df.run.wall
    lines = [f"issue #14 targets, read against this run's size ({entries:,} entries; set for 100k / 1M):"]
    ratio = None
    if "datasketch" in rows:
        ratio = rate / (entries / rows["datasketch"][0].run.wall)
    lines.append(
        f"  100k: end-to-end entries/s >= 6x the datasketch baseline's (same run): "
        f"{verdict(None if ratio is None else ratio >= 6)}" + (f" ({ratio:.2f}x)" if ratio is not None else "")
    )
    lines.append(f"  100k: F1 >= 0.995: {verdict(df_score.f1 >= 0.995)} ({df_score.f1:.4f})")
    if "datatrove" in rows:
        dt, dt_score = rows["datatrove"]
        dt_rate = entries / dt.run.wall
        ahead = rate > dt_rate and df_score.f1 > dt_score.f1
        lines.append(
            f"  100k: ahead of datatrove on entries/s and F1: {verdict(ahead)} "
            f"({rate:,.0f} vs {dt_rate:,.0f} entries/s, F1 {df_score.f1:.4f} vs {dt_score.f1:.4f})"
        )
    else:
        lines.append("  100k: ahead of datatrove on entries/s and F1: n/a (--skip-datatrove)")
    lines.append(f"  1M: >= 5,000 entries/s end to end: {verdict(rate >= 5000)} ({rate:,.0f} entries/s)")
    lines.append(
        f"  1M: peak RSS <= 2 GB: {verdict(df.run.peak_rss_mb <= 2048)} "
        f"({df.run.peak_rss_mb:,.0f} MB largest process, {df.run.tree_rss_mb:,.0f} MB tree)"
    )
    lines.append(
        f"  incremental: a 12-entry dump against 1M articles, dedup <= 0.5 s: "
        f"{verdict(None if dedup is None else dedup[0] <= 0.5)}"
        + (f" ({dedup[0]:.3f} s, {dedup[1]})" if dedup is not None else "")
    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus_dir", type=Path, help="a directory written by benchmarks/corpus.py")
    parser.add_argument("--workdir", type=Path, help="warehouse, logs and labels (default: a temporary directory)")
    parser.add_argument("--skip-baseline", action="store_true", help="leave out the datasketch baseline (slow)")
    parser.add_argument("--skip-datatrove", action="store_true", help="leave out datatrove's MinHash pipeline")
    parser.add_argument("--incremental", action="store_true", help="then ingest one more 12-entry dump and time it")
    parser.add_argument("--threshold", type=float, default=0.55, help="the baseline's MinHashLSH threshold")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of every system; the table shows medians")
    parser.add_argument(
        "--prefect-server",
        action="store_true",
        help="run dumpflow against a `prefect server start` launched first (its start-up not timed) "
        "instead of a temporary server per ingest",
    )
    parser.add_argument(
        "--also-runner",
        action="append",
        default=[],
        choices=["dask"],
        help="also ingest with this task runner (fresh warehouse), as another row",
    )
    args = parser.parse_args(argv)

    corpus_dir = args.corpus_dir.resolve()
    dumps = corpus_dir / "dumps"
    if not (dumps.is_dir() and (corpus_dir / "truth.csv").is_file()):
        parser.error(f"{corpus_dir} has no dumps/ and truth.csv: make one with benchmarks/corpus.py")
    work = (args.workdir or Path(tempfile.mkdtemp(prefix="dumpflow-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = child_env()
    with contextlib.ExitStack() as stack:
        if args.prefect_server:
            env["PREFECT_API_URL"] = stack.enter_context(prefect_server(work, env))
        return measure(args, corpus_dir, dumps, work, env)


def measure(args: argparse.Namespace, corpus_dir: Path, dumps: Path, work: Path, env: dict[str, str]) -> int:
    truth = scoring.read_labels(corpus_dir / "truth.csv", "article")
    meta = json.loads((corpus_dir / "corpus.json").read_text(encoding="utf-8"))
    header = machine()
    header.append(
        "prefect: "
        + (
            f"dumpflow ran against a running server ({env['PREFECT_API_URL']}), its start-up not timed"
            if "PREFECT_API_URL" in env
            else "each dumpflow ingest started a temporary server (counted in its wall time)"
        )
    )

    rounds: list[list[Result]] = []
    for _ in range(args.repeat):
        # One round runs every system once, back to back, so each round is a
        # side-by-side comparison; the table reports each system's median round.
        warehouse = fresh_warehouse(work / "bench.duckdb")
        round_ = [run_dumpflow(dumps, warehouse, env, work)]
        for runner in args.also_runner:
            round_.append(run_dumpflow(dumps, fresh_warehouse(work / f"bench-{runner}.duckdb"), env, work, runner))
        if not args.skip_baseline:
            round_.append(run_baseline(dumps, args.threshold, env, work))
        if not args.skip_datatrove:
            round_.append(run_datatrove(dumps, env, work))
        rounds.append(round_)
    results = [median_result([r[i] for r in rounds]) for i in range(len(rounds[0]))]
    if args.repeat > 1:
        print(f"each row: the median of {args.repeat} rounds by wall time (peak RSS: the largest of them)")
        for i, r in enumerate(results):
            walls = ", ".join(f"{rd[i].run.wall:.1f}" for rd in rounds)
            print(f"  {r.system}: wall seconds per round {walls}")
    scores = [scoring.score(truth, r.predicted) for r in results]

    print(
        f"corpus: {corpus_dir} ({len(truth)} entries, {meta['dumps']} dumps, {meta['articles']} articles, "
        f"seed {meta['seed']}, repeat share {meta['repeat_share']})"
    )
    print(f"repeats: {json.dumps(meta['kinds'])}; traps: {json.dumps(meta['traps'])}")
    print(*header, sep="\n")
    for r in results:
        if (said := r.run.reported_runner()) is not None:
            print(f"{r.system}: runner {said}")
    print()
    print(*table(results, scores, len(truth)), sep="\n")
    for result, sc in zip(results, scores, strict=True):
        if sc.missing or sc.extra:
            print(f"note: {result.system}: {sc.missing} truth entries without a prediction, {sc.extra} extra")
    print()
    for r in results:
        if r.role != "datasketch":
            stages = format_stage_seconds(stage_seconds(r.run.stdout))
            print(f"{r.system} time by stage (its own `seconds:` line): {stages}")
    rows = {r.role: (r, sc) for r, sc in zip(results, scores, strict=True)}
    df = results[0]
    print()
    for role in ("datasketch", "datatrove"):
        if role not in rows:
            continue
        other = rows[role][0]
        line = f"speed ratio dumpflow/{role}: {other.run.wall / df.run.wall:.2f}x end-to-end wall"
        if df.inner_seconds and other.inner_seconds:
            line += f", {other.inner_seconds / df.inner_seconds:.2f}x flow seconds vs its {other.inner_label}"
        print(line)
    print(*detail(results, truth, corpus_dir), sep="\n")
    dedup: tuple[float, str] | None = None
    if args.incremental:
        print()
        print("incremental: one new 12-entry dump (9 repeats of corpus entries, 3 new articles)")
        lines, dedup = run_incremental(corpus_dir, warehouse, df.predicted, env, work)
        for line in lines:
            print(f"  {line}")
    print()
    print(*targets(len(truth), rows, dedup), sep="\n")
    print()
    print(f"logs, warehouse and labels: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
