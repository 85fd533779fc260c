"""Shape extracted facts into polars frames whose columns match the warehouse tables.

Also resolves each article's local actors to canonical warehouse actors: one row in
`actors` per real actor across all articles, with every surface kept as an alias.
"""

from __future__ import annotations

import difflib
import hashlib
from collections import defaultdict
from collections.abc import Iterable

import polars as pl

from newsfacts.transforms.keys import actor_key
from newsfacts.transforms.staging import StagedFile
from newsfacts.transforms.tables import schema
from newsfacts.transforms.types import ArticleFacts

ARTICLE_SCHEMA = schema("articles")
ACTOR_SCHEMA = schema("actors")
ALIAS_SCHEMA = schema("actor_aliases")
MENTION_SCHEMA = schema("mentions")
FIGURE_SCHEMA = schema("figures")
STATEMENT_SCHEMA = schema("statements")


def actor_id_for(type_: str, name: str) -> str:
    return "a_" + hashlib.sha256(f"{type_}|{actor_key(name)}".encode()).hexdigest()[:16]


class ActorRegistry:
    """Canonical actors known to the warehouse, indexed by alias keys.

    Seeded from the warehouse at the start of a run, then grown batch by batch;
    `drain_new()` hands out the actors and aliases that the next load must insert.
    """

    def __init__(self) -> None:
        self.names: dict[str, tuple[str, str]] = {}
        self.by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        self.by_first_part: dict[str, set[str]] = defaultdict(set)  # "Yoon" of Yoon Suk Yeol
        self.aliases: set[tuple[str, str]] = set()
        # (type, key of the canonical name) -> the actor first registered under it
        self.canonical_ids: dict[tuple[str, str], str] = {}
        self._new_actors: list[dict] = []
        self._new_aliases: list[dict] = []
        # index changes since the last commit(), undone by rollback() when a batch is refused
        self._journal: list[tuple[str, tuple]] = []

    @classmethod
    def from_rows(cls, actors: Iterable[tuple[str, str, str]], aliases: Iterable[tuple[str, str]]):
        reg = cls()
        for actor_id, name, type_ in actors:
            reg._index_actor(actor_id, name, type_)
        for actor_id, alias in aliases:
            if actor_id in reg.names:
                reg._index_alias(actor_id, alias)
        reg.commit()
        return reg

    def _index_actor(self, actor_id: str, name: str, type_: str) -> None:
        self.names[actor_id] = (name, type_)
        key = (type_, actor_key(name))
        if key not in self.canonical_ids:
            self.canonical_ids[key] = actor_id
            self._journal.append(("canonical", key))
        self._journal.append(("actor", (actor_id,)))
        self._add(self.by_key, key, actor_id)
        if type_ == "PER" and " " in name.strip():
            self._add(self.by_surname, actor_key(name.split()[-1]), actor_id)
            self._add(self.by_first_part, actor_key(name.split()[0]), actor_id)

    def _index_alias(self, actor_id: str, alias: str) -> None:
        self.aliases.add((actor_id, alias))
        self._journal.append(("alias", (actor_id, alias)))
        self._add(self.by_key, (self.names[actor_id][1], actor_key(alias)), actor_id)

    def _add(self, index: dict, key, actor_id: str) -> None:
        if actor_id not in index[key]:
            index[key].add(actor_id)
            self._journal.append(("index", (id(index), key, actor_id)))

    def commit(self) -> None:
        """The batch loaded: keep everything registered since the last commit."""
        self._journal.clear()

    def rollback(self) -> None:
        """The batch was refused: forget the actors and aliases it registered."""
        indexes = {id(ix): ix for ix in (self.by_key, self.by_surname, self.by_first_part)}
        for kind, item in reversed(self._journal):
            if kind == "index":
                ix_id, key, actor_id = item
                indexes[ix_id][key].discard(actor_id)
            elif kind == "alias":
                self.aliases.discard(item)
            elif kind == "actor":
                self.names.pop(item[0], None)
            elif kind == "canonical":
                self.canonical_ids.pop(item, None)
        self._journal.clear()
        self._new_actors, self._new_aliases = [], []

    def resolve(self, name: str, type_: str, surfaces: Iterable[str]) -> str:
        """The canonical id for an article's actor; registers it if it is new."""
        surfaces = [s for s in surfaces if s]
        direct = self.by_key.get((type_, actor_key(name)), set())
        candidates = set(direct)
        if not candidates:
            for s in surfaces:
                candidates |= self.by_key.get((type_, actor_key(s)), set())
        if not candidates and type_ == "PER" and " " not in name.strip():
            # a surname alone, or a family name written first (Korean, Chinese names)
            candidates = set(self.by_surname.get(actor_key(name), set())) or set(
                self.by_first_part.get(actor_key(name), set())
            )
        if not candidates and type_ == "PER":
            candidates = self._spelling_variants(name)
        if len(candidates) == 1:
            actor_id = next(iter(candidates))
        else:
            actor_id = actor_id_for(type_, name)
            if actor_id not in self.names:
                self._index_actor(actor_id, name, type_)
                self._new_actors.append({"actor_id": actor_id, "name": name, "type": type_})
        for alias in {name, *surfaces}:
            if (actor_id, alias) not in self.aliases:
                self._index_alias(actor_id, alias)
                self._new_aliases.append({"actor_id": actor_id, "alias": alias})
        return actor_id

    def _spelling_variants(self, name: str) -> set[str]:
        """Persons whose surname is a close spelling variant: Selenskyj / Selenski.

        The first name must agree when both names have one; a surname alone matches only
        a single known person.
        """
        parts = actor_key(name).split()
        if not parts or len(parts[-1]) < 5:
            return set()
        last = parts[-1]
        found = set()
        for key, ids in self.by_surname.items():
            if key[:4] != last[:4] or difflib.SequenceMatcher(None, key, last).ratio() < 0.8:
                continue
            for actor_id in ids:
                other = actor_key(self.names[actor_id][0]).split()
                if len(parts) == 1 or len(other) == 1 or other[0] == parts[0]:
                    found.add(actor_id)
        return found

    def drain_new(self) -> tuple[pl.DataFrame, pl.DataFrame]:
        actors = pl.DataFrame(self._new_actors, schema=ACTOR_SCHEMA)
        aliases = pl.DataFrame(self._new_aliases, schema=ALIAS_SCHEMA)
        self._new_actors, self._new_aliases = [], []
        return actors, aliases


def article_frame(files: list[StagedFile], run_id: str) -> pl.DataFrame:
    rows = [
        {
            "article_id": f.content_sha256,
            "file_name": f.file_name,
            "published": f.published,
            "date_origin": f.date_origin,
            "source": f.source,
            "title": f.title,
            "body": f.body,
            "run_id": run_id,
            "encoding": f.encoding,
            "size_bytes": f.size_bytes,
        }
        for f in files
    ]
    return pl.DataFrame(rows, schema=ARTICLE_SCHEMA)


def _mention_row(article_id: str, m, ids: list[str]) -> dict:
    return {
        "article_id": article_id, "actor_id": ids[m.actor], "surface": m.surface,
        "role": m.role, "start": m.start, "end": m.end,
    }  # fmt: skip


def _figure_row(article_id: str, f, ids: list[str]) -> dict:
    return {
        "article_id": article_id, "value": f.value, "low": f.low, "high": f.high,
        "qualifier": f.qualifier, "counted": f.counted,
        "claimed_by_actor_id": None if f.claimed_by is None else ids[f.claimed_by],
        "text": f.text, "start": f.start, "end": f.end, "measure": f.measure,
    }  # fmt: skip


def _statement_row(article_id: str, s, ids: list[str]) -> dict:
    return {
        "article_id": article_id,
        "speaker_actor_id": None if s.speaker is None else ids[s.speaker],
        "mode": s.mode, "text": s.text, "cue": s.cue, "start": s.start, "end": s.end,
        "source_text": s.source_text, "source_start": s.source_start,
        "source_end": s.source_end, "form": s.form,
    }  # fmt: skip


def fact_frames(facts: list[ArticleFacts], registry: ActorRegistry) -> dict[str, pl.DataFrame]:
    """Frames for mentions, figures, statements, and the new actors/aliases they need."""
    mentions, figures, statements = [], [], []
    for art in facts:
        surfaces: dict[int, list[str]] = defaultdict(list)
        for m in art.mentions:
            surfaces[m.actor].append(m.surface)
        ids = [
            registry.resolve(a.name, a.type, surfaces.get(i, [])) for i, a in enumerate(art.actors)
        ]
        mentions += [_mention_row(art.article_id, m, ids) for m in art.mentions]
        figures += [_figure_row(art.article_id, f, ids) for f in art.figures]
        statements += [_statement_row(art.article_id, st, ids) for st in art.statements]
    actors, aliases = registry.drain_new()
    return {
        "actors": actors,
        "actor_aliases": aliases,
        "mentions": pl.DataFrame(mentions, schema=MENTION_SCHEMA),
        "figures": pl.DataFrame(figures, schema=FIGURE_SCHEMA),
        "statements": pl.DataFrame(statements, schema=STATEMENT_SCHEMA),
    }
