"""Placeholder until the pubdate stage lands (being written now)."""
from . import ArticleContext, Stage


def _run(ctx: ArticleContext) -> None:
    return None


STAGE = Stage("pubdate.v0", _run)
