"""Repeat detection at scale: dumpflow's ingest against a datasketch baseline, on one corpus.

    python benchmarks/dedup_bench.py CORPUS_DIR [--skip-baseline] [--incremental] [--workdir DIR]

CORPUS_DIR is what benchmarks/corpus.py wrote (dumps/ and the truth files).
Both systems run as child processes on the same dumps, one after the other,
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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

try:
    from benchmarks import corpus, scoring
except ModuleNotFoundError:  # run as a script: python benchmarks/dedup_bench.py
    import corpus  # type: ignore[no-redef]
    import scoring  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "baseline_datasketch.py"
PREDICTIONS_SQL = (
    "select d.source_name, s.position, s.article_id from sightings s join dumps d using (dump_id) "
    "order by d.source_name, s.position"
)
SAMPLE_SECONDS = 0.2
_SECONDS = re.compile(r"^seconds: ([0-9.]+)\b", re.MULTILINE)
_RUNNER = re.compile(r"^runner: (.+)$", re.MULTILINE)
_LOG_EVENT = re.compile(
    r"^(\d\d):(\d\d):(\d\d(?:\.\d+)?) \| \w+\s*\| "
    r"(?:Flow run '[^']*' - (Beginning) flow run|Task run '([A-Za-z_][\w]*?)-\w+' - Finished in state)",
    re.MULTILINE,
)


# --- running a child and measuring it ---------------------------------------------


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    wall: float
    peak_rss_mb: float  # largest single process in the tree (wait4 ru_maxrss)
    tree_rss_mb: float  # largest sampled sum over the tree

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


def task_seconds(log: str) -> dict[str, float]:
    """Seconds per task name, from the timestamps of Prefect's "Finished" log lines.

    The flow runs its tasks one after another, so a task's time is the gap
    since the previous event (the flow's start for the first). That counts
    Prefect's own overhead between tasks to the next task, and it needs no
    hook in the engine: if Prefect's log format changes, the result is empty.
    """
    out: dict[str, float] = {}
    previous: float | None = None
    day = 0.0
    for m in _LOG_EVENT.finditer(log):
        t = int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3]) + day
        if previous is not None and t < previous:  # the log crossed midnight
            day += 86400
            t += 86400
        if m[5] and previous is not None:
            out[m[5]] = out.get(m[5], 0.0) + t - previous
        previous = t
    return out


def format_task_seconds(tasks: dict[str, float]) -> str:
    total = sum(tasks.values())
    if not total:
        return "n/a (no Prefect task log lines found)"
    parts = sorted(tasks.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{name} {sec:.1f} s ({sec / total:.0%})" for name, sec in parts)


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
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env, cwd=ROOT)

        def sample() -> None:
            nonlocal peak_tree
            while not stop.wait(SAMPLE_SECONDS):
                peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
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
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Result:
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
    return Result(name, run, run.reported_seconds(), "flow's own `seconds:`", predicted)


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
    return Result(f"datasketch MinHashLSH t={threshold}", run, run.reported_seconds(), "loop only", predicted)


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
) -> tuple[list[str], float | None]:
    """One more 12-entry dump against the loaded warehouse: dedup seconds and whether it matched right."""
    inc_dir = work / "incremental"
    shutil.rmtree(inc_dir, ignore_errors=True)
    rows = corpus.incremental_dump(corpus_dir, inc_dir)
    articles = query_scalar(warehouse, env, work, "select count(*) as n from articles")
    dump_path = next((inc_dir / "dumps").glob("*.txt"))
    status, times = time_match_dumps(dump_path, warehouse)
    run = run_measured(
        dumpflow_cmd("ingest", str(inc_dir / "dumps"), "--warehouse", str(warehouse)), env, work, "incremental-ingest"
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
    match_task = task_seconds(run.stderr + run.stdout).get("match_batch", float("nan"))
    lines = [
        f"warehouse: {articles} articles before the dump {dump_path.name}",
        f"dedup.match_dumps in-process: {status}"
        + (f", {times[0]:.3f} s first call, {min(times):.3f} s best of {len(times)}" if times else ""),
        f"ingest of the one dump: {run.wall:.1f} s wall, flow `seconds:` {run.reported_seconds()}; "
        f"its match_batch task (Prefect log): {match_task:.2f} s",
        f"repeats matched to their article: {right['repeat'][0]}/{right['repeat'][1]}; "
        f"new articles kept new: {right['new'][0]}/{right['new'][1]}",
    ]
    return lines, (times[0] if times else None)


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
    entries: int, dumpflow_run: Run, scores: Sequence[scoring.Score], ratio: float | None, dedup_seconds: float | None
) -> list[str]:
    """Issue #3's targets against this run (they are set for 100k and 1M entries, so read them with the size)."""

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else "met" if ok else "NOT met"

    f1 = scores[0].f1
    base_f1 = scores[-1].f1 if len(scores) > 1 and ratio is not None else None
    f1_ok = f1 >= 0.99 and (base_f1 is None or f1 >= base_f1)
    return [
        f"issue #3 targets, read against this run's size ({entries} entries; set for 100k / 1M):",
        f"  end-to-end speed >= 10x baseline: {verdict(None if ratio is None else ratio >= 10)}"
        + (f" ({ratio:.2f}x)" if ratio is not None else ""),
        f"  F1 >= 0.99 and >= baseline: {verdict(f1_ok)} ({f1:.4f}"
        + (f" vs {base_f1:.4f})" if base_f1 is not None else ")"),
        f"  peak RSS <= 2 GB: {verdict(dumpflow_run.peak_rss_mb <= 2048)} "
        f"({dumpflow_run.peak_rss_mb:,.0f} MB largest process, {dumpflow_run.tree_rss_mb:,.0f} MB tree)",
        f"  one 12-entry dump's dedup <= 1 s: {verdict(None if dedup_seconds is None else dedup_seconds <= 1.0)}"
        + (f" ({dedup_seconds:.3f} s, first call)" if dedup_seconds is not None else ""),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus_dir", type=Path, help="a directory written by benchmarks/corpus.py")
    parser.add_argument("--workdir", type=Path, help="warehouse, logs and labels (default: a temporary directory)")
    parser.add_argument("--skip-baseline", action="store_true", help="run dumpflow only (the baseline is slow)")
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
    print(
        "dumpflow flow time by task (Prefect log timestamps): "
        + format_task_seconds(task_seconds(results[0].run.stderr + results[0].run.stdout))
    )
    ratio: float | None = None
    if not args.skip_baseline:
        df, bl = results[0], results[-1]
        ratio = (len(truth) / df.run.wall) / (len(truth) / bl.run.wall)
        line = f"speed ratio dumpflow/baseline: {ratio:.2f}x end-to-end wall"
        if df.inner_seconds and bl.inner_seconds:
            line += f", {bl.inner_seconds / df.inner_seconds:.2f}x flow seconds vs baseline loop"
        print()
        print(line)
    print(*detail(results, truth, corpus_dir), sep="\n")
    dedup_seconds: float | None = None
    if args.incremental:
        print()
        print("incremental: one new 12-entry dump (9 repeats of corpus entries, 3 new articles)")
        lines, dedup_seconds = run_incremental(corpus_dir, warehouse, results[0].predicted, env, work)
        for line in lines:
            print(f"  {line}")
    print()
    print(*targets(len(truth), results[0].run, scores, ratio, dedup_seconds), sep="\n")
    print()
    print(f"logs, warehouse and labels: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
