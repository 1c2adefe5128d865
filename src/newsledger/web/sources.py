"""How the pages name an article's source for a reader: its outlet, else its URL's site, never an internal id."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from ..ingest.furniture import site_of_url


def web_url(url: str | None) -> str | None:
    """The URL when it is an ``http``/``https`` one with a host, the only kind the pages link; None otherwise
    (``javascript:``, ``file:``, a path, a feed's line reference)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:  # a malformed port or IPv6 address
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and host else None


def site_name(url: str | None) -> str | None:
    """The site of a web URL as a reader says it: ``https://www.reuters.com/article/x`` → ``reuters.com``."""
    return site_of_url(url) if web_url(url) else None


def source_name(article: Mapping | None) -> str | None:
    """The outlet, else the site of the article's URL (or of its source, when that is a web address)."""
    if not article:
        return None
    return article.get("outlet") or site_name(article.get("url")) or site_name(article.get("source"))
