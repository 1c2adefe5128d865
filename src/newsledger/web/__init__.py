"""The web UI and read-only HTTP API over a ledger (``newsledger serve``), and the
self-contained story report (``newsledger report``). See docs/web.md."""

from .app import create_app
from .report import story_report

__all__ = ["create_app", "story_report"]
