"""Coverage-guided fuzzing of the readers: any bytes give entries or a rejection.

    python tests/fuzz/fuzz_readers.py -max_total_time=300 [CORPUS_DIR ...]

Without a corpus directory it starts from the seed dumps and HTML fixtures
(copied to a temporary directory, since libFuzzer writes new inputs into the
first corpus directory and the repository must stay clean). The first input
byte picks the file name, so both the text and the HTML reader are reached and
the sniffing between them is fuzzed too. A parsed dump is also cleaned, since
the boilerplate regexes are where slow inputs hide; run with -timeout=N to make
a slow input a finding. Findings are written to ./fuzz-artifacts/ by default.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["dumpflow", "schemas", "tests"]):
    from tests.fuzz.reader_property import check_one


def seed_corpus() -> str:
    target = Path(tempfile.mkdtemp(prefix="dumpflow-fuzz-"))
    for i, path in enumerate(sorted((ROOT / "raw").glob("*.txt"))):
        (target / f"seed-text-{i}").write_bytes(b"\x00" + path.read_bytes())
    for i, path in enumerate(sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html"))):
        (target / f"seed-html-{i}").write_bytes(b"\x01" + path.read_bytes())
    return str(target)


def main() -> None:
    argv = list(sys.argv)
    corpus: str | None = None
    if not any(not arg.startswith("-") for arg in argv[1:]):
        corpus = seed_corpus()
        argv.append(corpus)
    if not any(arg.startswith("-artifact_prefix=") for arg in argv):
        Path("fuzz-artifacts").mkdir(exist_ok=True)
        argv.append("-artifact_prefix=fuzz-artifacts/")
    try:
        atheris.Setup(argv, check_one)
        atheris.Fuzz()
    finally:
        if corpus:
            shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    main()
