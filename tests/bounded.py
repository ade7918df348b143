"""Turn a hang into a test failure, without asserting on timings.

The limits are generous (tens of seconds for work that takes milliseconds):
they only tell "finishes" from "never finishes" (catastrophic regex
backtracking, a parser stuck on a deep page). The call runs in a daemon thread
because a regex match in C cannot be interrupted by a signal; a hung thread is
abandoned and dies with the test process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

GENEROUS_SECONDS = 60.0


def bounded(fn: Callable[[], T], seconds: float = GENEROUS_SECONDS) -> T:
    """fn()'s result, or a test failure when it has not returned within `seconds`."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise AssertionError(f"did not finish within {seconds:.0f}s (a hang, not a slow run)")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
