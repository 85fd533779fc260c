"""Stage article files: read bytes, hash, decode, split header, source line and body.

Staging never raises on bad input. Every problem becomes a field on the StagedFile
(read_error, decode_error, is_binary, ...) that the format checks turn into codes.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsfacts.transforms.dates import find_body_date

# Magic numbers of formats people drop into an inbox by mistake.
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",  # zip, docx, xlsx
    b"\x1f\x8b",  # gzip
    b"\x7fELF",
)

_HEADER_RE = re.compile(r"[ \t]*date[ \t]+(?P<raw>\S*)", re.IGNORECASE)
_VALID_MONTH_RE = re.compile(r"(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])")
_SOURCE_RE = re.compile(r"^[ \t]*Quelle:[ \t]*(?P<rest>[^\n]*)", re.MULTILINE)
_COPYRIGHT_RE = re.compile(
    r"^(?:\(c\)|©)?\s*Copyright\s+(?:\(c\)\s*|©\s*)?(?P<holder>.+?)\s+(?:\d{4}|[.,])",
    re.IGNORECASE,
)
_HTML_RE = re.compile(r"<\s*(?:!doctype\s+html|html|body|div|p|br|span|script)\b", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]{0,500}>")

# Agencies and publishers whose short names we recognise even when a scraped page
# glued the next word onto them ("Quelle: dpaDie Nato ...").
KNOWN_SOURCES = {
    "dpa": "dpa",
    "afp": "AFP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "epd": "epd",
    "kna": "KNA",
    "sid": "SID",
    "dts": "dts",
    "apa": "APA",
    "sda": "SDA",
    "keystone-sda": "Keystone-SDA",
    "ddp": "ddp",
    "bloomberg": "Bloomberg",
}
_GLUED_RE = re.compile(
    r"(?P<name>"
    + "|".join(sorted((re.escape(k) for k in KNOWN_SOURCES if " " not in k), key=len, reverse=True))
    + r")(?=$|[\s,.;:/|)\-–]|[A-ZÄÖÜ])",
    re.IGNORECASE,
)


@dataclass
class StagedFile:
    """One inbox file after reading and splitting; offsets refer to `body`."""

    path: Path
    file_name: str
    content_sha256: str | None = None
    size_bytes: int = 0
    read_error: str | None = None  # code: unreadable, vanished, outside_inbox
    read_detail: str | None = None
    is_binary: bool = False
    encoding: str | None = None
    decode_error: str | None = None
    html_stripped: bool = False
    date_header_raw: str | None = None
    has_date_header: bool = False
    published: date | None = None
    date_origin: str | None = None  # header | body | None
    date_detail: str | None = None
    source: str | None = None
    source_line: str | None = None
    title: str | None = None
    body: str | None = None
    unread: bool = False  # known by its size and modification time, not read (known_by_stat)

    @property
    def header_month(self) -> int | None:
        """YYYYMM of a valid header, for range checks (future dates)."""
        m = _VALID_MONTH_RE.fullmatch(self.date_header_raw or "")
        return int(m["y"]) * 100 + int(m["m"]) if m else None


def list_inbox(inbox: Path) -> Iterator[Path]:
    """Every entry below `inbox` that is not a directory, in a stable order.

    Symbolic links are listed (not followed) so that staging can refuse the ones
    pointing outside the inbox instead of silently skipping them.
    """
    inbox = Path(inbox)
    for dirpath, dirnames, filenames in os.walk(inbox, followlinks=False):
        dirnames.sort()
        base = Path(dirpath)
        for name in sorted(filenames):
            yield base / name
        # os.walk puts symlinks to directories into dirnames; list them as entries.
        for name in dirnames:
            if (base / name).is_symlink():
                yield base / name


@dataclass(frozen=True)
class FileStat:
    """A regular file's size and modification time, as `os.lstat` gives them."""

    size_bytes: int
    mtime_ns: int


def stat_file(path: Path | str) -> FileStat | None:
    """Size and modification time of a regular file; None for anything else (a link, a
    vanished file), which is always read."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return FileStat(st.st_size, st.st_mtime_ns) if stat.S_ISREG(st.st_mode) else None


# A file modified less than this before a run read it may have changed within the same
# tick of the file system's clock after the read ("racily clean", as git calls it).
RACY_NS = 2_000_000_000


def unchanged_since_read(now: FileStat | None, size: int, mtime_ns: int, read_at_ns: int) -> bool:
    """Is a file with `now` the same file a run read at `read_at_ns`, when it had `size`
    and `mtime_ns`? Same size and modification time, and that time well before the read.
    This trusts the file system: a rewrite that keeps both (`touch -r`, a tool that
    restores times) goes unseen; `newsfacts run --rehash` reads every file."""
    if now is None or now.size_bytes != size or now.mtime_ns != mtime_ns:
        return False
    return mtime_ns < read_at_ns - RACY_NS


def known_by_stat(path, name: str, now: FileStat | None, remembered: dict) -> StagedFile | None:
    """An unread StagedFile with the content hash of the last read, for a file that has
    not changed since a run read it (`remembered`: name -> (size, mtime, hash, read at));
    None when the file must be read."""
    row = remembered.get(name)
    if row is None or not unchanged_since_read(now, row[0], row[1], row[3]):
        return None
    return StagedFile(
        path=Path(path), file_name=name, content_sha256=row[2], size_bytes=row[0], unread=True
    )


def relative_name(path: Path, inbox: Path) -> str:
    """The file's name relative to the inbox, always valid UTF-8.

    Bytes of a name that are not UTF-8 (Python keeps them as lone surrogates, which
    Arrow and DuckDB refuse) are written as `\\xNN` escapes, e.g. `bad\\xff.txt`.
    """
    try:
        name = path.relative_to(inbox).as_posix()
    except ValueError:
        name = path.as_posix()
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_file(path: Path, inbox: Path, max_bytes: int) -> StagedFile:
    """Read and fully stage one file. Never raises for problems with the file itself."""
    staged = StagedFile(path=path, file_name=relative_name(path, inbox))
    if not os.path.lexists(path):
        staged.read_error = "vanished"
        staged.read_detail = "file disappeared between listing and reading"
        return staged
    inbox_real = Path(os.path.realpath(inbox))
    real = Path(os.path.realpath(path))
    if real != inbox_real and inbox_real not in real.parents:
        staged.read_error = "outside_inbox"
        staged.read_detail = "symbolic link points outside the inbox; not followed"
        return staged
    if not real.is_file():
        staged.read_error = "unreadable"
        staged.read_detail = (
            "not a regular file" if real.exists() else "symbolic link to a missing file"
        )
        return staged
    try:
        with open(real, "rb") as fh:
            raw = fh.read(max_bytes + 1)
            if len(raw) > max_bytes:
                staged.size_bytes = max(os.fstat(fh.fileno()).st_size, len(raw))
                digest = hashlib.sha256(raw)
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
                staged.content_sha256 = digest.hexdigest()
                return staged
    except FileNotFoundError:
        staged.read_error = "vanished"
        staged.read_detail = "file disappeared between listing and reading"
        return staged
    except OSError as exc:
        staged.read_error = "unreadable"
        staged.read_detail = f"{type(exc).__name__}: {exc.strerror or exc}"
        return staged
    return stage_bytes(raw, staged)


def stage_bytes(raw: bytes, staged: StagedFile) -> StagedFile:
    """Hash, decode and split already-read content into header, source and body."""
    staged.size_bytes = len(raw)
    staged.content_sha256 = hashlib.sha256(raw).hexdigest()
    text, encoding, error = decode(raw)
    staged.encoding = encoding
    if error == "binary":
        staged.is_binary = True
        return staged
    if error:
        staged.decode_error = error
        return staged
    assert text is not None
    if _HTML_RE.search(text[:5000]):
        text = html_to_text(text)
        staged.html_stripped = True
    split_article(text, staged)
    return staged


def decode(raw: bytes) -> tuple[str | None, str | None, str | None]:
    """Return (text, encoding, error) with newlines normalised to LF.

    UTF-8 with or without BOM; UTF-16 only with a BOM; cp1252 as the fallback, and
    also for the rare cp1252 file whose bytes happen to be valid UTF-8 but read as
    characters foreign to German news (`_reads_better_as_cp1252`).
    """
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        try:
            return _normalise_newlines(raw.decode("utf-16")), "utf-16", None
        except UnicodeDecodeError as exc:
            return None, None, f"not valid UTF-16 despite its byte order mark: {exc.reason}"
    if raw.startswith(_BINARY_MAGIC) or b"\x00" in raw[:8192]:
        return None, None, "binary"
    if raw.startswith(codecs.BOM_UTF8):
        raw, encoding = raw[len(codecs.BOM_UTF8) :], "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return _normalise_newlines(raw.decode("cp1252")), "cp1252", None
        except UnicodeDecodeError:
            return (
                None,
                None,
                f"neither UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor cp1252",
            )
    if encoding == "utf-8" and _reads_better_as_cp1252(text, raw):
        return _normalise_newlines(raw.decode("cp1252")), "cp1252", None
    return _normalise_newlines(text), encoding, None


# Non-ASCII characters that German text written in UTF-8 shows: Latin-1 letters and
# signs (umlauts, ß, accents, «»°§), general punctuation („“–…) and the euro sign.
def _common_in_german_utf8(ch: str) -> bool:
    return "\u00a0" <= ch <= "\u00ff" or "\u2000" <= ch <= "\u206f" or ch == "\u20ac"


# What a German cp1252 file holds beyond ASCII: Latin-1 letters and cp1252's punctuation.
_CP1252_GERMAN = set("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ")
_CP1252_GERMAN |= set("„“”‚‘’–—…«»‹›€§°•·\u00a0")


def _reads_better_as_cp1252(text: str, raw: bytes) -> bool:
    """Bytes that are valid UTF-8 but were written in cp1252.

    Some cp1252 byte pairs are valid UTF-8: "ß„" (DF 84) reads as the N'Ko letter U+07C4,
    "Ä„" (C4 84) as "Ą". German UTF-8 text shows umlauts or typographic punctuation
    among its non-ASCII characters; when none of them is such a character and the
    cp1252 reading is plain German letters and punctuation, the file is cp1252.
    """
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii or any(_common_in_german_utf8(ch) for ch in non_ascii):
        return False
    as_cp1252 = raw.decode("cp1252", errors="replace")
    return all(ord(ch) < 128 or ch in _CP1252_GERMAN for ch in as_cp1252)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_to_text(text: str) -> str:
    """Crude but safe: drop scripts/styles and tags, keep the text between them."""
    import html

    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", text)
    text = re.sub(r"(?i)<\s*(br|/p|/div|/h\d|/li)\b[^>]*>", "\n", text)
    text = _TAG_RE.sub("", text)
    return html.unescape(text)


def parse_date_header(first_line: str) -> tuple[str | None, int]:
    """(raw value, end offset of the header) of a `date ...` header line, or (None, 0)."""
    m = _HEADER_RE.match(first_line)
    if not m:
        return None, 0
    return m["raw"], m.end()


def parse_source(rest: str) -> tuple[str | None, int | None]:
    """Name the source in what follows `Quelle:`.

    Returns (source, consumed): `consumed` is how many characters of `rest` belong to
    the source line when a known agency was glued to the next word, or None when the
    whole line is the source line.
    """
    rest = rest.strip()
    if not rest:
        return None, None
    m = _COPYRIGHT_RE.match(rest)
    if m:
        holder = m["holder"].strip().rstrip(".,")
        return _canonical_source(holder), None
    m = _GLUED_RE.match(rest)
    if m:
        after = rest[m.end() :]
        if after and not after[0].isspace() and after[0].isupper():
            return KNOWN_SOURCES[m["name"].lower()], m.end()
        if not after.strip() or after.lstrip()[0] in ",;/|":
            # "dpa", "dpa, AFP", "dpa/AFP": keep the whole line as written
            return _canonical_source(rest.rstrip(" .")), None
    return _canonical_source(rest.rstrip(" .")[:120]), None


def _canonical_source(name: str) -> str:
    key = name.strip().lower()
    if key in KNOWN_SOURCES:
        return KNOWN_SOURCES[key]
    for known, canonical in KNOWN_SOURCES.items():
        if " " in known and known in key:
            return canonical
    return name.strip()


def split_article(text: str, staged: StagedFile) -> StagedFile:
    """Fill header date, source, title and body from decoded text."""
    stripped = text.lstrip()
    first_line = stripped.split("\n", 1)[0]
    raw, header_end = parse_date_header(first_line)
    if raw is not None:
        staged.has_date_header = True
        staged.date_header_raw = raw
        rest = stripped[header_end:].lstrip(" \t")
        m = _VALID_MONTH_RE.fullmatch(raw)
        if m:
            staged.published = date(int(m["y"]), int(m["m"]), 1)
            staged.date_origin = "header"
    else:
        rest = stripped

    source_match = _SOURCE_RE.search(rest)
    if source_match:
        source, consumed = parse_source(source_match["rest"])
        if source:
            staged.source = source
            rest_start = source_match.start("rest")
            if consumed is None:
                staged.source_line = source_match.group(0).strip()
                cut_end = source_match.end()
                if cut_end < len(rest) and rest[cut_end] == "\n":
                    cut_end += 1
                rest = rest[: source_match.start()] + rest[cut_end:]
            else:
                lead = len(source_match["rest"]) - len(source_match["rest"].lstrip())
                cut_end = rest_start + lead + consumed
                staged.source_line = rest[source_match.start() : cut_end].strip()
                rest = rest[: source_match.start()] + rest[cut_end:]

    body = rest.strip()
    staged.body = body
    staged.title = make_title(body)
    if staged.published is None and body:
        found = find_body_date(body)
        if found:
            staged.published, staged.date_detail = found
            staged.date_origin = "body"
    return staged


def make_title(body: str, limit: int = 200) -> str | None:
    for line in body.split("\n"):
        line = line.strip()
        if line:
            if len(line) <= limit:
                return line
            cut = line[:limit].rsplit(" ", 1)[0]
            return cut + " …"
    return None
