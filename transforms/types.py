"""Types that cross the pipeline's arrows (see docs/design)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LocalActor:
    """One real-world actor as one article refers to it (index = position in ArticleFacts.actors)."""

    name: str  # fullest form the article gives
    type: str  # PER | ORG | LOC
    role: str | None = None


@dataclass
class Mention:
    actor: int  # index into ArticleFacts.actors
    surface: str
    start: int
    end: int
    role: str | None = None


@dataclass
class Figure:
    value: float
    qualifier: str  # exact | approx | at_least | at_most | vague
    text: str
    start: int
    end: int
    low: float | None = None
    high: float | None = None
    counted: str | None = None
    claimed_by: int | None = None  # index into ArticleFacts.actors
    measure: str | None = None  # what it measures: the counted noun, or for a unit the
    # subject of its clause ("Inflationsrate" for "die Inflationsrate lag bei 8,7 Prozent")


@dataclass
class Statement:
    mode: str  # direct | indirect
    text: str
    start: int
    end: int
    cue: str | None = None
    speaker: int | None = None  # index into ArticleFacts.actors
    source_text: str | None = None  # the phrase naming the speaker, as written ('er',
    source_start: int | None = None  # 'die Sprecherin', 'Angaben der Polizei'), and its
    source_end: int | None = None  # characters; None when nothing in the text names one
    form: str | None = None  # quotation | clause | phrase: what the content is


@dataclass
class ArticleFacts:
    article_id: str
    actors: list[LocalActor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
