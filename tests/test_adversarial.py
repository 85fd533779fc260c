"""Adversarial inbox: every hostile or odd file is loaded, counted as a duplicate, or
quarantined with a clear code, and the run always completes (docs/robustness.md).

One inbox holds every case; the real flow runs over it twice (module fixture), then each
test asserts on one file.
"""

from __future__ import annotations

import builtins
import hashlib
import os
import tracemalloc
from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsfacts.flows import ingest
from newsfacts.transforms import staging
from newsfacts.transforms.settings import Settings
from tests.conftest import write_article

TODAY = date.today()
HUGE_BYTES = 60 * 1024 * 1024
LONG_LINE_BYTES = 5 * 1024 * 1024


def article(n: int, header: str = "date 2024-05", source: str = "Quelle: dpa") -> str:
    """A small, distinct, extractable German article."""
    return (
        f"{header}\n{source}\n"
        f"Der Stadtrat in Kassel hat am Montag über Vorlage {n} beraten. "
        f"Bürgermeisterin Anna Schmidt sagte, die Stadt werde {n + 10} neue Wohnungen bauen.\n"
    )


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))


# file name -> (content, expected outcome, codes expected in format_issues)
# outcome: "loaded" | "duplicate" | ("quarantined", [codes in quarantine.codes])
CASES: dict[str, tuple[bytes, object, set[str]]] = {
    "empty.txt": (b"", ("quarantined", ["empty_body"]), {"empty_body"}),
    "whitespace.txt": (b"  \n\t\r\n   \n", ("quarantined", ["empty_body"]), {"empty_body"}),
    "image.png": (_png(), ("quarantined", ["binary"]), {"binary"}),
    # 0x81 is undefined in cp1252 as well, so the fallback cannot decode it either
    "invalid_utf8.txt": (
        article(1).encode() + b"\xc3\x28 \x81\x8d",
        ("quarantined", ["undecodable"]),
        {"undecodable"},
    ),
    "cp1252.txt": (article(2).encode("cp1252"), "loaded", {"decoded_cp1252"}),
    "utf16_bom.txt": (article(3).encode("utf-16"), "loaded", {"decoded_utf16"}),
    "crlf.txt": (article(4).replace("\n", "\r\n").encode(), "loaded", set()),
    "page.html": (
        (
            "<!DOCTYPE html><html><head><script>alert('x')</script></head><body>"
            "<p>date 2024-05</p><p>Quelle: dpa</p><p>Der Stadtrat in Kassel hat am Montag "
            "über den Haushalt beraten.<br>Die Sitzung dauerte &auml;u&szlig;erst lang.</p>"
            "</body></html>"
        ).encode(),
        "loaded",
        {"html_markup"},
    ),
    "header_only.txt": (
        b"date 2024-05\n",
        ("quarantined", ["empty_body"]),
        {"empty_body", "missing_source_line"},
    ),
    "month_13.txt": (
        article(5, "date 2024-13").encode() + b"Stand: 3. Mai 2024.\n",
        "loaded",
        {"invalid_date"},
    ),
    "month_1.txt": (article(6, "date 2024-1").encode(), "loaded", {"invalid_date"}),
    "future.txt": (article(7, f"date {TODAY.year + 1}-01").encode(), "loaded", {"future_date"}),
    "copy_a.txt": (article(8).encode(), "loaded", set()),
    "copy_b.txt": (article(8).encode(), "duplicate", {"duplicate_content"}),
    "nested/deeper/deepest/article.txt": (article(9).encode(), "loaded", set()),
    "name with spaces ÄÖÜß.txt": (article(10).encode(), "loaded", set()),
    "line\nbreak.txt": (article(11).encode(), "loaded", set()),
    "locked.txt": (article(12).encode(), ("quarantined", ["unreadable"]), {"unreadable"}),
    "vanish.txt": (article(13).encode(), ("quarantined", ["vanished"]), {"vanished"}),
    "grow.txt": (article(14).encode(), "loaded", set()),
    "one_long_line.txt": (None, ("quarantined", ["too_large"]), {"too_large"}),
    "huge.txt": (None, ("quarantined", ["too_large"]), {"too_large"}),
    "escape_file.txt": (None, ("quarantined", ["outside_inbox"]), {"outside_inbox"}),
    "escape_dir": (None, ("quarantined", ["outside_inbox"]), {"outside_inbox"}),
    "no_source.txt": (article(15, source="").encode(), "loaded", {"missing_source_line"}),
    "dangling_link.txt": (None, ("quarantined", ["unreadable"]), {"unreadable"}),
    # a name that is not UTF-8 on disk (b"bad\xff.txt") is recorded with an escape
    "bad\\xff.txt": (article(16).encode(), "loaded", set()),
}
# warehouse name -> name on disk, where they differ
DISK_NAMES = {"bad\\xff.txt": os.fsdecode(b"bad\xff.txt")}
GROWTH = "Nachtrag: Die Sitzung wurde am Dienstag fortgesetzt.\n"


def write_huge(path: Path, size: int) -> None:
    """A plausible text file of `size` bytes, written in chunks (never whole in memory)."""
    line = ("Der Stadtrat in Kassel hat lange beraten. " * 20 + "\n").encode()
    with open(path, "wb") as fh:
        fh.write(b"date 2024-05\nQuelle: dpa\n")
        while fh.tell() + len(line) <= size:
            fh.write(line)
        fh.write(b"x" * (size - fh.tell()))


def write_long_line(path: Path, size: int) -> None:
    head = b"date 2024-05\nQuelle: dpa\n"
    word = "Mühlenfeld ".encode()
    body = word * ((size - len(head)) // len(word))
    path.write_bytes(head + body + b"x" * (size - len(head) - len(body)))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build_inbox(root: Path) -> Path:
    inbox = root / "inbox"
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(article(99), encoding="utf-8")
    for name, (content, _, _) in CASES.items():
        if content is not None:
            write_article(inbox, DISK_NAMES.get(name, name), content)
    write_huge(inbox / "huge.txt", HUGE_BYTES)
    write_long_line(inbox / "one_long_line.txt", LONG_LINE_BYTES)
    (inbox / "escape_file.txt").symlink_to(outside / "secret.txt")
    (inbox / "escape_dir").symlink_to(outside, target_is_directory=True)
    (inbox / "dangling_link.txt").symlink_to(inbox / "deleted-meanwhile.txt")
    (inbox / "locked.txt").chmod(0)  # only blocks non-root; open() is patched below as well
    return inbox


@pytest.fixture(scope="module")
def adversarial_run(tmp_path_factory, prefect_harness, model_path):
    root = tmp_path_factory.mktemp("adversarial")
    inbox = build_inbox(root)
    db = root / "w.duckdb"
    real_list = ingest.list_inbox
    real_open = builtins.open
    locked = os.path.realpath(inbox / "locked.txt")
    tampered = []

    def listing_then_tamper(folder):
        """List the inbox, then (first run only) delete one file and grow another."""
        paths = list(real_list(folder))
        if not tampered:
            (inbox / "vanish.txt").unlink()
            with open(inbox / "grow.txt", "a", encoding="utf-8") as fh:
                fh.write(GROWTH)
            tampered.append(True)
        return paths

    def guarded_open(file, *args, **kwargs):
        if os.fspath(file) == locked:
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    def run():
        return ingest.ingest_flow(
            Settings(
                inbox=str(inbox),
                db=str(db),
                model=model_path,
                batch_size=8,
                data_docs_dir=str(root / "docs"),
            )
        )

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ingest, "list_inbox", listing_then_tamper)
        mp.setattr(staging, "open", guarded_open, raising=False)
        first = run()
        con = duckdb.connect(str(db), read_only=True)
        rows_after_first = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in ("articles", "mentions", "quarantine", "format_issues")
        }
        con.close()
        second = run()
    return inbox, db, first, second, rows_after_first


@pytest.fixture(scope="module")
def tables(adversarial_run):
    _, db, first, _, _ = adversarial_run
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = {
            name: (aid, body)
            for name, aid, body in con.execute(
                "SELECT file_name, article_id, body FROM articles"
            ).fetchall()
        }
        quarantine = {
            name: (list(codes), sha)
            for name, codes, sha in con.execute(
                "SELECT file_name, codes, content_sha256 FROM quarantine"
            ).fetchall()
        }
        issues: dict[str, set[str]] = {}
        for name, code in con.execute("SELECT file_name, code FROM format_issues").fetchall():
            issues.setdefault(name, set()).add(code)
        runs = con.execute(
            "SELECT run_id, files_seen, loaded, duplicates, quarantined, refused, status "
            "FROM runs ORDER BY started_at"
        ).fetchall()
    finally:
        con.close()
    return {"articles": articles, "quarantine": quarantine, "issues": issues, "runs": runs}


def test_both_runs_complete_and_count_every_file(adversarial_run, tables):
    _, _, first, second, _ = adversarial_run
    assert first["status"] == "completed" and second["status"] == "completed"
    assert first["files_seen"] == len(CASES)
    # vanish.txt is gone by the second run
    assert second["files_seen"] == len(CASES) - 1
    for summary in (first, second):
        assert summary["refused"] == 0
        assert (
            summary["loaded"] + summary["duplicates"] + summary["quarantined"]
            == summary["files_seen"]
        )
    assert [r[1:] for r in tables["runs"]] == [
        (s["files_seen"], s["loaded"], s["duplicates"], s["quarantined"], 0, "completed")
        for s in (first, second)
    ]


def test_every_file_has_exactly_one_outcome(adversarial_run, tables):
    _, _, first, _, _ = adversarial_run
    # the summary lists files with findings; clean loads are only counted (and in articles)
    outcomes = {}
    for row in first["files"]:
        assert row["file"] not in outcomes, f"{row['file']!r} counted twice"
        assert row["codes"] or row["outcome"] != "loaded", "a clean load listed"
        outcomes[row["file"]] = row["outcome"]
    assert first["files_not_listed"] == 0
    for name in tables["articles"]:
        outcomes.setdefault(name, "loaded")
    expected = {
        name: (want if isinstance(want, str) else want[0]) for name, (_, want, _) in CASES.items()
    }
    assert outcomes == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_outcome_and_codes(name, tables):
    _, want, codes = CASES[name]
    articles, quarantine, issues = tables["articles"], tables["quarantine"], tables["issues"]
    if want == "loaded":
        assert name in articles and name not in quarantine
    elif want == "duplicate":
        assert name not in articles and name not in quarantine
    else:
        assert name not in articles
        assert quarantine[name][0] == want[1]
    assert codes <= issues.get(name, set()), issues.get(name)
    if not codes:  # a clean file raises no format issue at all
        assert name not in issues


def test_second_run_adds_nothing(adversarial_run):
    _, db, first, second, before = adversarial_run
    assert second["loaded"] == 0
    assert second["quarantined"] == first["quarantined"] - 1  # vanish.txt is no longer listed
    con = duckdb.connect(str(db), read_only=True)
    after = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
        for t in ("articles", "mentions", "quarantine", "format_issues")
    }
    distinct = con.execute("SELECT count(DISTINCT article_id) FROM articles").fetchall()[0][0]
    con.close()
    assert after == before
    assert distinct == after["articles"]


def test_decoded_text_is_clean(tables):
    articles = tables["articles"]
    assert "Bürgermeisterin" in articles["cp1252.txt"][1]
    assert "Bürgermeisterin" in articles["utf16_bom.txt"][1]
    assert "\r" not in articles["crlf.txt"][1]
    html_body = articles["page.html"][1]
    assert "<" not in html_body and "alert" not in html_body and "äußerst" in html_body


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_copies_load_once(tables):
    assert tables["articles"]["copy_a.txt"][0] == sha(article(8))
    assert sum(1 for aid, _ in tables["articles"].values() if aid == sha(article(8))) == 1


def test_grown_file_loads_what_was_read(adversarial_run, tables):
    inbox = adversarial_run[0]
    article_id, body = tables["articles"]["grow.txt"]
    assert article_id == sha256_file(inbox / "grow.txt") == sha(article(14) + GROWTH)
    assert "Nachtrag" in body


def test_huge_file_is_hashed_whole_but_not_loaded(adversarial_run, tables):
    inbox = adversarial_run[0]
    codes, digest = tables["quarantine"]["huge.txt"]
    assert digest == sha256_file(inbox / "huge.txt")
    assert codes == ["too_large"]


def test_symlinks_are_never_followed(tables):
    outside_id = sha(article(99))
    assert all(aid != outside_id for aid, _ in tables["articles"].values())
    assert tables["quarantine"]["escape_file.txt"][1] is None  # never read


def test_date_recovered_or_flagged(adversarial_run):
    db = adversarial_run[1]
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(
        con.execute(
            "SELECT file_name, published FROM articles WHERE file_name IN ('month_13.txt', "
            "'future.txt')"
        ).fetchall()
    )
    con.close()
    assert rows["month_13.txt"] == date(2024, 5, 3) or rows["month_13.txt"].year == 2024
    assert rows["future.txt"] == date(TODAY.year + 1, 1, 1)


def test_read_file_streams_a_huge_file(tmp_path):
    """A 60 MB file is quarantined after reading at most limit + 1 bytes into memory."""
    path = tmp_path / "huge.txt"
    write_huge(path, HUGE_BYTES)
    tracemalloc.start()
    try:
        staged = staging.read_file(path, tmp_path, max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert staged.size_bytes == HUGE_BYTES
    assert staged.body is None and staged.content_sha256 == sha256_file(path)
    assert peak < 8 * 1024 * 1024, peak


def test_a_five_megabyte_line_stages_under_a_raised_limit(tmp_path):
    """Under the default limit the line is too_large (above); raised, it stages as text."""
    path = tmp_path / "line.txt"
    write_long_line(path, LONG_LINE_BYTES)
    staged = staging.read_file(path, tmp_path, max_bytes=8 * 1024 * 1024)
    assert staged.read_error is None and staged.decode_error is None
    assert staged.published == date(2024, 5, 1) and staged.source == "dpa"
    assert len(staged.body) > 4_000_000 and "\n" not in staged.body
    assert staged.title.endswith(" …") and len(staged.title) <= 202


def test_vanished_file_gets_its_own_code(tmp_path):
    gone = tmp_path / "gone.txt"
    staged = staging.read_file(gone, tmp_path, max_bytes=1000)
    assert staged.read_error == "vanished"
