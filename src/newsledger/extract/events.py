"""Placeholder until the events stage lands (being written now)."""
from . import ArticleContext, Stage


def _run(ctx: ArticleContext) -> None:
    return None


STAGE = Stage("events.v0", _run)
