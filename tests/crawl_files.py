"""Crawls, feeds and crawler records written for tests/test_readers.py and bench/warc.py.

WARC records are written by FastWARC itself (the library newsledger reads
them with), each gzipped on its own in a ``.warc.gz`` as crawlers write them.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import random
import uuid
from collections.abc import Iterable
from pathlib import Path

WARC_DATE = "2024-05-10T12:00:00Z"


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
                  headers: Iterable[tuple[str, str]] = ()) -> bytes:
    """An HTTP/1.1 response as a crawler stores it: status line, headers, payload."""
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", *(f"{k}: {v}" for k, v in headers)]
    if not any(k.lower() == "transfer-encoding" for k, _ in headers):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def warc_record(kind: str, uri: str | None, block: bytes, date: str = WARC_DATE, content_type: str | None = None) -> bytes:
    """One WARC record (``response``, ``request``, ``metadata``, ``warcinfo``, ``resource``) as FastWARC writes it."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    record = WarcRecord()
    same_every_time = uuid.UUID(bytes=hashlib.md5(f"{kind} {uri} {date}".encode() + block).digest())
    record.init_headers(getattr(WarcRecordType, kind), f"uuid:{same_every_time}".encode())
    record.headers["WARC-Date"] = date
    if uri:
        record.headers["WARC-Target-URI"] = uri
    record.headers["Content-Type"] = content_type or {
        "response": "application/http; msgtype=response",
        "request": "application/http; msgtype=request",
        "metadata": "application/warc-fields",
        "warcinfo": "application/warc-fields",
    }.get(kind, "text/html")
    record.set_bytes_content(block)
    out = io.BytesIO()
    record.write(out)
    return out.getvalue()


def write_warc(path: Path, records: Iterable[bytes]) -> Path:
    """The records in one file; in a ``.gz`` one, each its own gzip member."""
    with path.open("wb") as out:
        for record in records:
            out.write(gzip.compress(record, mtime=0) if path.suffix == ".gz" else record)
    return path


def news_page(title: str, paragraphs: list[str], published: str | None = None, site: str | None = None,
              chrome: int = 0) -> bytes:
    """A news article's page; ``chrome`` adds that many navigation links and script bytes around it."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    meta += f'<meta property="og:site_name" content="{site}">' if site else ""
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(chrome))
    script = f"<script>var config = '{'x' * (chrome * 100)}';</script>" if chrome else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{meta}{script}</head><body>"
            f"<nav><ul>{nav}</ul></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright 2024 {site or 'the publisher'}. All rights reserved.</footer></body></html>").encode()


PEOPLE = ["the mayor", "police", "the council", "a spokeswoman", "officials", "the governor", "residents", "the minister"]
VERBS = ["said", "announced", "warned", "confirmed", "reported", "told reporters"]
THINGS = ["the bridge would close for repairs", "two people were hurt in the fire", "the budget vote was delayed",
          "the river had risen overnight", "schools would reopen on Monday", "the storm cut power to 3,000 homes",
          "the court adjourned the case", "the election results were certified"]


def synthetic_page(i: int, chrome: int = 150) -> bytes:
    """Article ``i`` of a generated crawl: eight paragraphs of its own sentences, in a site's page furniture."""
    rnd = random.Random(i)
    paragraphs = [" ".join(f"{rnd.choice(PEOPLE).capitalize()} {rnd.choice(VERBS)} {rnd.choice(THINGS)} "
                           f"(report {i}.{p}.{s})." for s in range(5)) for p in range(8)]
    return news_page(f"Report {i}: {rnd.choice(THINGS)}", paragraphs, published=f"2024-05-{i % 28 + 1:02d}",
                     site="Synthetic Daily", chrome=chrome)


def synthetic_warc(path: Path, records: int) -> Path:
    """A crawl of ``records`` HTML response records, one article each."""
    return write_warc(path, (warc_record("response", f"https://news.example/story/{i}", http_response(synthetic_page(i)))
                             for i in range(records)))
