"""Placeholder until the timex stage lands (being written now)."""
from . import ArticleContext, Stage


def _run(ctx: ArticleContext) -> None:
    return None


STAGE = Stage("timex.v0", _run)
