"""Process-level settings for running the engine over large batches."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a batch step without Python's cyclic garbage collector.

    The steps allocate hundreds of thousands of small objects (records,
    sets, tuples) per batch while the previous stages' records are alive,
    so the collector keeps re-scanning a large heap of objects that are not
    garbage: measured on the 100k benchmark, repeat detection took 27.6 s
    with it and 15.3 s without. The records form no reference cycles, so
    reference counting frees everything as usual.

    When the step ends, what it allocated is frozen (`gc.freeze`) before the
    collector resumes: otherwise its first collections walk the step's whole
    backlog of young objects, then again as they age into the older
    generations; that was 2-3 s of a 20k-entry ingest, more than loading.
    Frozen objects are still freed by reference counting; only cyclic
    garbage that happens to be alive at a freeze waits for `thawed_gc`,
    which the ingest flow wraps around the whole run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


@contextmanager
def thawed_gc() -> Iterator[None]:
    """Return what `paused_gc` froze to the collector when the block (a whole run) ends."""
    try:
        yield
    finally:
        gc.unfreeze()
