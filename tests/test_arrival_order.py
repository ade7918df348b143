"""The same dumps give the same warehouse whatever order they arrive in, when a text dump and HTML pages
describe the same articles (a text line has no address; a card or post page has one).

Real ingests (the Prefect flow on real files and DuckDB files), every order of three dumps, as three runs
and as one run, and every user-facing table and view compared row for row. Only what records *arrival*
is left out of the comparison, as the other determinism tests do: run ids and wall-clock times, which
dump came first or last for an article, where the file was found (each scenario has its own layout),
and which sighting was the `new` one (its kind, similarity, the merges rows and the per-dump counts of
new articles and repeats). Those arrival columns must still agree between one run and separate runs
of the same order.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import duckdb
import pytest

from dumpflow import dedup
from dumpflow.cli import main
from flows.ingest import ingest
from tests.builders import transmission
from tests.invariants import assert_consistent

pytestmark = pytest.mark.usefixtures("prefect_server")

FIXTURES = Path(__file__).parent / "fixtures" / "html"
POST_KEY = "quiet.example.net/posts/cache-aware-batching"
EVAL_KEY = "quiet.example.net/posts/eval-harness"
POST_OPENING = (
    "Serving a language model is mostly a memory problem. Every request carries a prompt, and every prompt fills "
    "the key-value cache with activations that the next tokens need."
)
QUANT_CARD = (
    "Eight-bit weights are nearly free in accuracy for most layers, but the embedding and the final projection "
    "deserve a closer look before you ship them."
)
# The eval card with one comma turned into a semicolon: the same comparison key and length, another body.
EVAL_VARIANT = (
    "A harness earns trust when every number can be traced to a prompt, a model version and a seed; and when "
    "rerunning it gives the same table twice."
)
UNRELATED = (
    "Compilers that bootstrap themselves need a trusted first binary; reproducible builds let anyone check that "
    "the published one was made from the published source."
)
FEED = transmission(POST_OPENING + "...", QUANT_CARD, EVAL_VARIANT, UNRELATED)
DUMPS = ("feed.txt", "listing.html", "post.html")
ORDERS = list(itertools.permutations(range(len(DUMPS))))

# Columns that record arrival, by table or view; everything else must be identical in every scenario.
ARRIVAL = {
    "dumps": {"ingested_at", "run_id", "source_path", "n_new_articles", "n_repeats"},
    "articles": {"first_seen", "last_seen", "first_dump_id", "last_dump_id"},
    "sightings": {"kind", "similarity"},
    "article_overview": {"first_seen", "last_seen"},
    "dump_quality": {"ingested_at", "new_articles", "repeats"},
    "repeat_groups": {"merge_kinds", "min_similarity"},
    "topic_trend": {"dump_date"},
}
# merges holds one row per sighting that was not the first: all arrival, compared in `arrival` below.
TABLES = ("dumps", "articles", "sightings", "article_topics", "dropped_lines", "match_keys", "signatures")
VIEWS = ("article_overview", "topic_counts", "topic_trend", "dump_quality", "repeat_groups")


def write_dumps(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True)
    out = {"feed.txt": folder / "feed.txt"}
    out["feed.txt"].write_text(FEED, encoding="utf-8")
    out["listing.html"] = Path(shutil.copy(FIXTURES / "identity_listing.html", folder / "listing.html"))
    out["post.html"] = Path(shutil.copy(FIXTURES / "identity_post.html", folder / "post.html"))
    return out


def landing(root: Path, order: tuple[int, ...]) -> list[Path]:
    """The three dumps under root/1, root/2, root/3 in this order: one run over root reads them so."""
    paths = []
    for slot, i in enumerate(order, 1):
        name = DUMPS[i]
        files = write_dumps(root / f"tmp{slot}")
        target = root / str(slot) / name
        target.parent.mkdir(parents=True)
        shutil.move(files[name], target)
        shutil.rmtree(root / f"tmp{slot}")
        paths.append(target)
    return paths


def _select(con: duckdb.DuckDBPyConnection, name: str, keep) -> list[tuple]:
    cols = [row[0] for row in con.execute(f"DESCRIBE {name}").fetchall() if keep(name, row[0])]
    listed = ", ".join(f'"{c}"' for c in cols)
    return con.execute(f"SELECT {listed} FROM {name} ORDER BY ALL").fetchall()


def catalogue(db: Path) -> dict[str, list[tuple]]:
    """Every user-facing table and view, all rows in a total order, without the arrival columns."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: _select(con, name, lambda n, c: c not in ARRIVAL.get(n, set())) for name in (*TABLES, *VIEWS)}


def arrival(db: Path) -> dict[str, list[tuple]]:
    """The arrival columns with dump names: the same order must give the same, in one run or several."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "sightings": con.execute(
                "SELECT d.source_name, s.position, s.kind, s.similarity FROM sightings s JOIN dumps d USING (dump_id) "
                "ORDER BY ALL"
            ).fetchall(),
            "merges": con.execute(
                "SELECT d.source_name, m.position, m.article_id, m.kind, m.similarity FROM merges m "
                "JOIN dumps d USING (dump_id) ORDER BY ALL"
            ).fetchall(),
            "dumps": con.execute("SELECT source_name, n_new_articles, n_repeats FROM dumps ORDER BY ALL").fetchall(),
        }


def scenario(tmp_path: Path, order: tuple[int, ...], one_run: bool) -> Path:
    root = tmp_path / ("one" if one_run else "runs") / "".join(map(str, order))
    paths = landing(root / "landing", order)
    db = root / "w.duckdb"
    for batch in [[root / "landing"]] if one_run else [[p] for p in paths]:
        summary = ingest(paths=[str(p) for p in batch], warehouse_file=str(db))
        assert summary.files_rejected == 0
        assert_consistent(db)
    return db


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[tuple[int, ...], bool], Path]:
    tmp = tmp_path_factory.mktemp("orders")
    return {(order, one_run): scenario(tmp, order, one_run) for order in ORDERS for one_run in (False, True)}


def test_every_order_gives_the_same_catalogue(warehouses: dict[tuple[tuple[int, ...], bool], Path]) -> None:
    reference = catalogue(warehouses[(ORDERS[0], False)])
    for (order, one_run), db in warehouses.items():
        got = catalogue(db)
        differ = [name for name in reference if got[name] != reference[name]]
        assert not differ, (" then ".join(DUMPS[i] for i in order), "one run" if one_run else "runs", differ)


def test_one_run_and_separate_runs_of_one_order_record_the_same_arrival(
    warehouses: dict[tuple[tuple[int, ...], bool], Path],
) -> None:
    for order in ORDERS:
        assert arrival(warehouses[(order, True)]) == arrival(warehouses[(order, False)]), order


def test_an_article_with_an_address_is_keyed_by_it_and_the_text_lines_joined_it(
    warehouses: dict[tuple[tuple[int, ...], bool], Path],
) -> None:
    with duckdb.connect(str(warehouses[(ORDERS[0], False)]), read_only=True) as con:
        articles = con.execute(
            "SELECT article_id, url_key, title, body FROM articles WHERE url_key IS NOT NULL ORDER BY url_key"
        ).fetchall()
        texts = con.execute(
            "SELECT s.raw_text, a.url_key FROM sightings s JOIN dumps d USING (dump_id) "
            "JOIN articles a USING (article_id) WHERE d.format = 'text' ORDER BY s.position"
        ).fetchall()
    assert [(article_id, key) for article_id, key, _, _ in articles] == [
        (dedup.url_article_id(key), key) for _, key, _, _ in articles
    ]
    assert len(articles) == 3
    assert [key for _, key in texts] == [POST_KEY, "quiet.example.net/posts/quantization-notes", EVAL_KEY, None]
    # Equal length, same key: the body kept does not depend on which version came first.
    [eval_body] = [body for _, key, _, body in articles if key == EVAL_KEY]
    assert eval_body == min(EVAL_VARIANT, EVAL_VARIANT.replace("seed;", "seed,"))


def test_rerunning_every_scenario_adds_nothing(warehouses: dict[tuple[tuple[int, ...], bool], Path]) -> None:
    for (order, one_run), db in list(warehouses.items())[:2]:
        before = catalogue(db), arrival(db)
        summary = ingest(paths=[str(db.parent / "landing")], warehouse_file=str(db))
        assert (summary.files_new, summary.entries) == (0, 0), (order, one_run)
        assert (catalogue(db), arrival(db)) == before


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 2, 0)], ids=["text-first", "html-first"])
def test_forgetting_the_listing_leaves_the_same_catalogue_in_either_order(
    tmp_path: Path, order: tuple[int, ...]
) -> None:
    results = []
    for first in (order, tuple(reversed(order))):
        db = scenario(tmp_path / "".join(map(str, first)), first, one_run=False)
        assert main(["forget", "listing.html", "--warehouse", str(db)]) == 0
        assert_consistent(db)
        results.append(catalogue(db))
    assert results[0] == results[1]
