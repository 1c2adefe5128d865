"""One story as one self-contained HTML file: inline CSS, no scripts, no server, nothing fetched."""

from __future__ import annotations

from ..store.database import LedgerStore
from .data import LedgerView
from .pages import Pages


def story_report(store: LedgerStore, story_id: str) -> str | None:
    """The story page with its articles' highlighted texts; None when the ledger has no such story."""
    view = LedgerView(store)
    story = view.story(story_id)
    return None if story is None else Pages(view).report(story)
