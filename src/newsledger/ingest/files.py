"""Finding input files and turning their bytes into text, or a clear error.

Walking is deterministic (entries sorted by name), skips hidden files and
folders, follows symbolic links and never visits a folder (or file) twice, so
a link pointing back up the tree cannot loop. Every problem with one input
becomes an ``InputError`` naming it; the caller goes on with the rest.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..options import INPUT_FORMATS as FORMATS
from ..options import InputFormat as Format


FORMAT_BY_SUFFIX: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
}
# Suffixes whose files are sniffed: a feed if they read as one (``.xml`` is also
# sitemaps, configuration, XHTML).
SNIFFED_SUFFIXES = (".xml",)

# UTF-8 needs at most 4 bytes a character: a file larger than this many bytes
# per allowed character cannot hold an article under the limit.
MAX_BYTES_PER_CHAR = 4
# A saved page carries markup, scripts and boilerplate around its article;
# this many bytes per allowed article character are read before refusing.
HTML_BYTES_PER_CHAR = 8
# How much of a file is looked at to tell text from binary.
SNIFF_BYTES = 8192
# A feed or a JSON document is parsed whole: larger ones are refused (JSON Lines
# and WARC files are streamed, and have no such limit).
MAX_CONTAINER_BYTES = 256 * 1024 * 1024

# What a reader says about a file it read without failing (records it skipped, what it assumed).
Note = Callable[[str], None]
# Content types of a saved web page (a WARC record's, a feed entry's content).
HTML_TYPES = ("text/html", "application/xhtml+xml")

# Signatures of the binary formats people most often drop into a corpus
# folder by mistake, with what to do about each.
MAGIC: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "PDF", "extract its text first (e.g. pdftotext FILE FILE.txt)"),
    (b"\x89PNG\r\n\x1a\n", "PNG image", "remove it from the input; images are not read"),
    (b"\xff\xd8\xff", "JPEG image", "remove it from the input; images are not read"),
    (b"GIF87a", "GIF image", "remove it from the input; images are not read"),
    (b"GIF89a", "GIF image", "remove it from the input; images are not read"),
    (b"\x1f\x8b", "gzip", "decompress it first (gunzip FILE)"),
    (b"BZh", "bzip2", "decompress it first (bunzip2 FILE)"),
    (b"\xfd7zXZ\x00", "xz", "decompress it first (unxz FILE)"),
    (b"\x28\xb5\x2f\xfd", "zstd", "decompress it first (unzstd FILE)"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive", "unpack it first"),
    (b"PK\x03\x04", "ZIP archive or Office document", "unpack it, or save the document as plain text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document", "save it as plain text (.txt)"),
    (b"SQLite format 3\x00", "SQLite database", "export the articles as JSONL"),
    (b"PAR1", "Parquet", "export the articles as JSONL"),
    (b"\x7fELF", "executable", "remove it from the input"),
]

BOMS: list[tuple[bytes, str]] = [
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# Byte-order marks of encodings whose text cannot be split on b"\n" bytes.
WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)  # UTF-32-LE starts like UTF-16-LE

REENCODE_HINT = "re-encode the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8.txt)"


def iter_input_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Every file under ``paths``, in a stable order; missing paths become errors.

    A path given explicitly is read even if hidden; inside folders, names
    starting with ``.`` are skipped. Each yielded path keeps the form it was
    given in (joined with names below it), so it reads well as a source.
    """
    seen_dirs: set[Path] = set()
    seen_files: set[Path] = set()
    for given in paths:
        path = Path(given)
        yield from _walk(path, seen_dirs, seen_files, explicit=True)


def _walk(path: Path, seen_dirs: set[Path], seen_files: set[Path], explicit: bool) -> Iterator[Path | InputError]:
    try:
        info = path.stat()  # follows links
    except FileNotFoundError:
        if path.is_symlink():
            yield InputError(str(path), f"broken symbolic link (to {os.readlink(path)!r})", hint="fix or remove the link")
        elif explicit:
            yield InputError(str(path), "no such file or folder", hint="check the path")
        return
    except OSError as err:
        yield InputError(str(path), f"cannot read: {err.strerror or err}", hint=_os_hint(err))
        return

    if stat.S_ISDIR(info.st_mode):
        real = path.resolve()
        if real in seen_dirs:  # a link back up the tree, or a folder given twice
            return
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(path), key=lambda entry: entry.name)
        except OSError as err:
            yield InputError(str(path), f"cannot list the folder: {err.strerror or err}", hint=_os_hint(err))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            yield from _walk(path / entry.name, seen_dirs, seen_files, explicit=False)
        return

    if not stat.S_ISREG(info.st_mode):
        yield InputError(str(path), f"not a regular file ({_file_kind(info.st_mode)})", hint="give files or folders only")
        return
    real = path.resolve()
    if real in seen_files:
        return
    seen_files.add(real)
    yield path


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _os_hint(err: OSError) -> str | None:
    if isinstance(err, PermissionError):
        return "check the file's permissions (e.g. chmod u+r FILE)"
    return None


def detect_format(path: Path, head: bytes) -> Format:
    """The format named by the suffix, else sniffed from the first bytes."""
    suffix = ".warc.gz" if path.name.lower().endswith(".warc.gz") else path.suffix.lower()
    known = FORMAT_BY_SUFFIX.get(suffix)
    if known:
        return known
    if _is_warc(head):
        return "warc"
    text = _strip_bom(head)
    if FEED_ROOT.match(text):
        return "feed"
    if suffix in SNIFFED_SUFFIXES:
        return "feed"  # XML, but not a feed's root element: the feed reader says what it found
    start = text.lstrip()[:64].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    first_line = head.split(b"\n", 1)[0]
    if start.startswith(b"{") and (b'"text"' in first_line or b'"maintext"' in first_line):
        return "jsonl"
    if re.match(rb"\[\s*\{", start):
        return "json"
    return "text"


# The root element of an RSS 0.9x/2.0 (``<rss``), RSS 1.0 (``<rdf:RDF``) or Atom (``<feed``) document,
# after the XML declaration, a doctype, comments and processing instructions.
FEED_ROOT = re.compile(rb"\s*(?:(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<(?:rss|feed|rdf:RDF)[\s>]", re.DOTALL)


def _is_warc(head: bytes) -> bool:
    """A WARC file, plain or gzipped record by record (what crawlers write)."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(codecs.BOM_UTF8) else data


def read_head(path: Path) -> bytes:
    """The first bytes of a file; raises InputError when it cannot be read."""
    with open_input(path) as handle:
        try:
            return handle.read(SNIFF_BYTES)
        except OSError as err:
            raise _cannot_read(path, err) from None


def open_input(path: Path) -> BinaryIO:
    """The file opened for reading; raises InputError when it cannot be."""
    try:
        return path.open("rb")
    except OSError as err:
        raise _cannot_read(path, err) from None


def _cannot_read(path: Path, err: OSError) -> InputError:
    return InputError(str(path), f"cannot read: {err.strerror or err}", hint=_os_hint(err))


def read_bytes(path: Path, max_bytes: int, limit_chars: int) -> bytes:
    """The whole file, refusing one over ``max_bytes`` before reading it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise too_long(str(path), f"{size:,} bytes", limit_chars)
        with path.open("rb") as handle:
            return handle.read()
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror or err}", hint=_os_hint(err)) from None


def read_container(path: Path, max_bytes: int, hint: str) -> bytes:
    """A whole feed or JSON document, refusing one over ``max_bytes`` before reading it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"too large to parse at once ({size:,} bytes; at most {max_bytes:,})", hint=hint)
        with path.open("rb") as handle:
            return handle.read()
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror or err}", hint=_os_hint(err)) from None


def too_long(source: str, size: str, limit_chars: int, line: int | None = None) -> InputError:
    return InputError(
        source,
        f"too large ({size}); articles are limited to {limit_chars:,} characters",
        line=line,
        hint="raise the limit with Options(max_article_chars=N) (CLI: --max-article-chars N), or split the input",
    )


def binary_kind(head: bytes) -> tuple[str, str] | None:
    """``(what, hint)`` when the bytes are a known binary format or hold NULs."""
    for magic, what, hint in MAGIC:
        if head.startswith(magic):
            return what, hint
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP image", "remove it from the input; images are not read"
    if any(head.startswith(bom) for bom, _ in BOMS):
        return None  # UTF-16/32 text holds NUL bytes by design
    if b"\x00" in head:
        if _looks_like_bomless_utf16(head):
            return "UTF-16 text without a byte-order mark", REENCODE_HINT
        return "contains NUL bytes", "give text, JSONL or HTML files only"
    return None


def _looks_like_bomless_utf16(head: bytes) -> bool:
    # ASCII text in UTF-16 has a NUL in every other byte.
    even, odd = head[0::2], head[1::2]
    return len(head) >= 4 and (odd.count(0) > 0.8 * len(odd) or even.count(0) > 0.8 * len(even))


def check_binary(source: str, head: bytes) -> None:
    kind = binary_kind(head)
    if kind:
        what, hint = kind
        raise InputError(source, f"binary file ({what}), not text", hint=hint)


def decode(data: bytes, source: str, line_offset: int = 0, byte_offset: int = 0) -> str:
    """UTF-8 text (a UTF-8, UTF-16 or UTF-32 byte-order mark is honoured).

    Invalid UTF-8 raises InputError naming the line and byte offset of the
    first bad byte; ``line_offset``/``byte_offset`` place ``data`` in its file
    when it is one line of a larger file.
    """
    encoding = "utf-8"
    for bom, name in BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom):], name
            byte_offset += len(bom)
            break
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        line = line_offset + data.count(b"\n", 0, err.start) + 1
        bad = data[err.start : err.start + 1].hex().upper()
        raise InputError(
            source,
            f"not valid {encoding.upper()}: byte 0x{bad} at byte offset {byte_offset + err.start}",
            line=line,
            hint=REENCODE_HINT,
        ) from None
