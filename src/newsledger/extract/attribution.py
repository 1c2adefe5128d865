"""Placeholder until the attribution stage lands (being written now)."""
from . import ArticleContext, Stage


def _run(ctx: ArticleContext) -> None:
    return None


STAGE = Stage("attribution.v0", _run)
