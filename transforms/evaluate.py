"""Score predicted facts against gold annotations, exactly as the guidelines define it.

- Actors: a predicted actor (canonical actor + its surfaces in the article) matches a
  gold actor when its name or any surface, case-folded, equals the gold name or any
  alias, case-folded; one-to-one.
- Figures: matched by value, one-to-one; counted (case-folded), qualifier and
  claimed_by (matched like a speaker) are accuracies over matched pairs.
- Statements: speaker matches (as for actors; both null also matches) and word-token
  Jaccard of the texts, case-folded, >= 0.5; one-to-one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts.transforms.nlp.attribution.context import quote_spans


@dataclass
class PredActor:
    name: str
    type: str
    surfaces: set[str]

    def forms(self) -> set[str]:
        return {f.casefold() for f in self.surfaces | {self.name}}


@dataclass
class PredArticle:
    actors: dict[str, PredActor] = field(default_factory=dict)  # actor_id -> actor
    figures: list[dict] = field(
        default_factory=list
    )  # value, qualifier, counted, claimed_by (actor_id)
    statements: list[dict] = field(default_factory=list)  # speaker (actor_id), mode, text, cue


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def max_matching(
    n_pred: int,
    n_gold: int,
    ok: Callable[[int, int], bool],
    prefer: Callable[[int, int], float] | None = None,
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching (augmenting paths); pairs of (pred, gold).

    `prefer` only orders the candidates (preferred pairs are tried first); it never
    changes how many pairs match.
    """
    edges = [[g for g in range(n_gold) if ok(p, g)] for p in range(n_pred)]
    if prefer is not None:
        edges = [sorted(gs, key=lambda g, p=p: -prefer(p, g)) for p, gs in enumerate(edges)]
    gold_to_pred: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in gold_to_pred or augment(gold_to_pred[g], seen):
                gold_to_pred[g] = p
                return True
        return False

    for p in range(n_pred):
        augment(p, set())
    return sorted((p, g) for g, p in gold_to_pred.items())


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", (text or "").casefold()))


def jaccard(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return 1.0
    return len(wa & wb) / len(wa | wb)


def _gold_forms(gold: dict) -> dict[str, set[str]]:
    """gold actor name -> case-folded name and aliases."""
    return {
        a["name"]: {a["name"].casefold(), *(x.casefold() for x in a.get("aliases", []))}
        for a in gold.get("actors", [])
    }


def _same_actor(pred_id: str | None, gold_name: str | None, pred: PredArticle, gold_forms) -> bool:
    if pred_id is None or gold_name is None:
        return pred_id is None and gold_name is None
    actor = pred.actors.get(pred_id)
    if actor is None:
        return False
    forms = gold_forms.get(gold_name, {gold_name.casefold()})
    return bool(actor.forms() & forms)


def score_article(pred: PredArticle, gold: dict) -> dict:
    gold_forms = _gold_forms(gold)
    # actors
    p_actors = list(pred.actors.values())
    g_actors = gold.get("actors", [])
    g_actor_forms = [gold_forms[a["name"]] for a in g_actors]
    pairs = max_matching(
        len(p_actors), len(g_actors), lambda p, g: bool(p_actors[p].forms() & g_actor_forms[g])
    )
    actors = Score(len(pairs), len(p_actors) - len(pairs), len(g_actors) - len(pairs))
    # figures
    p_figs, g_figs = pred.figures, gold.get("figures", [])
    # Matched by value, one-to-one; among equal values the pairing whose counted noun
    # agrees is tried first, so attribute accuracies do not depend on list order.
    fig_pairs = max_matching(
        len(p_figs),
        len(g_figs),
        lambda p, g: abs(float(p_figs[p]["value"]) - float(g_figs[g]["value"])) < 1e-6,
        prefer=lambda p, g: (
            (
                (p_figs[p].get("counted") or "").casefold()
                == (g_figs[g].get("counted") or "").casefold()
            )
            + (p_figs[p].get("qualifier") == g_figs[g].get("qualifier"))
            + _same_actor(
                p_figs[p].get("claimed_by"), g_figs[g].get("claimed_by"), pred, gold_forms
            )
        ),
    )
    figures = Score(len(fig_pairs), len(p_figs) - len(fig_pairs), len(g_figs) - len(fig_pairs))
    attr = {"counted": 0, "qualifier": 0, "claimed_by": 0}
    for p, g in fig_pairs:
        pf, gf = p_figs[p], g_figs[g]
        attr["counted"] += (pf.get("counted") or "").casefold() == (
            gf.get("counted") or ""
        ).casefold()
        attr["qualifier"] += pf.get("qualifier") == gf.get("qualifier")
        attr["claimed_by"] += _same_actor(
            pf.get("claimed_by"), gf.get("claimed_by"), pred, gold_forms
        )
    # statements
    p_st, g_st = pred.statements, gold.get("statements", [])
    st_pairs = max_matching(
        len(p_st),
        len(g_st),
        lambda p, g: (
            _same_actor(p_st[p].get("speaker"), g_st[g].get("speaker"), pred, gold_forms)
            and jaccard(p_st[p]["text"], g_st[g]["text"]) >= 0.5
        ),
    )
    statements = Score(len(st_pairs), len(p_st) - len(st_pairs), len(g_st) - len(st_pairs))
    return {
        "actors": actors,
        "figures": figures,
        "statements": statements,
        "figure_attributes": attr,
        "matched_figures": len(fig_pairs),
    }


def score_corpus(preds: dict[str, PredArticle], golds: dict[str, dict]) -> dict:
    """Micro-averaged scores over all gold articles; a missing prediction counts as empty."""
    totals = {"actors": Score(), "figures": Score(), "statements": Score()}
    attr_totals = {"counted": 0, "qualifier": 0, "claimed_by": 0}
    matched = 0
    per_article = {}
    for name, gold in sorted(golds.items()):
        result = score_article(preds.get(name, PredArticle()), gold)
        for kind in totals:
            totals[kind].add(result[kind])
        for k in attr_totals:
            attr_totals[k] += result["figure_attributes"][k]
        matched += result["matched_figures"]
        per_article[name] = {kind: result[kind].as_dict() for kind in totals}
    return {
        "articles": len(golds),
        **{kind: s.as_dict() for kind, s in totals.items()},
        "figure_attributes": {
            k: round(v / matched, 4) if matched else 0.0 for k, v in attr_totals.items()
        }
        | {"matched": matched},
        "per_article": per_article,
    }


def load_gold(gold_dir: Path) -> dict[str, dict]:
    golds = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = data.get("file") or path.name.removesuffix(".json")
        golds[name] = data
    return golds


def predictions_from_warehouse(con) -> dict[str, PredArticle]:
    """Read each loaded article's facts back from the warehouse, keyed by file name."""
    preds: dict[str, PredArticle] = {}
    names = dict(con.execute("SELECT article_id, file_name FROM articles").fetchall())
    for file_name in names.values():
        preds[file_name] = PredArticle()
    for article_id, actor_id, name, type_, surface in con.execute(
        "SELECT m.article_id, m.actor_id, a.name, a.type, m.surface "
        "FROM mentions m JOIN actors a USING (actor_id)"
    ).fetchall():
        art = preds[names[article_id]]
        actor = art.actors.setdefault(actor_id, PredActor(name, type_, set()))
        actor.surfaces.add(surface)
    for article_id, value, qualifier, counted, claimed in con.execute(
        "SELECT article_id, value, qualifier, counted, claimed_by_actor_id FROM figures"
    ).fetchall():
        preds[names[article_id]].figures.append(
            {"value": value, "qualifier": qualifier, "counted": counted, "claimed_by": claimed}
        )
    for article_id, speaker, mode, text, cue in con.execute(
        "SELECT article_id, speaker_actor_id, mode, text, cue FROM statements"
    ).fetchall():
        preds[names[article_id]].statements.append(
            {"speaker": speaker, "mode": mode, "text": text, "cue": cue}
        )
    return preds


# --- quotation attribution on German Wikinews (Petersen-Frey & Biemann 2024) ----------

WIKINEWS_TYPES = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
_PRONOUNS = {
    "er", "sie", "es", "ihm", "ihr", "ihn", "ihnen", "man", "dieser", "diese", "jener",
    "jene", "wir", "ich", "der", "die",
}  # fmt: skip
_WORD_RE = re.compile(r"\w+")


@dataclass
class ArticleSpans:
    """An article's predicted statements and actor mentions as character offsets."""

    body: str
    # start, end, speaker, and the characters of the words naming the speaker (or None)
    statements: list[tuple[int, int, str | None, tuple[int, int] | None]] = field(
        default_factory=list
    )
    mentions: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # actor -> spans
    names: dict[str, set[str]] = field(default_factory=dict)  # actor -> case-folded forms
    phrases: set[tuple[int, int]] = field(default_factory=set)  # statements of form 'phrase'


def wikinews_article_file(row: dict) -> tuple[str, str, int]:
    """(file name, file text, offset of the article text in the body) for one dataset
    row: a `date` header from the title's date and a source line."""
    m = re.search(r"\((\d{4})-(\d{2})-\d{2}\)", row["file"])
    header = f"date {m.group(1)}-{m.group(2)}\n" if m else ""
    name = re.sub(r"[^\w.-]+", "_", row["file"].removesuffix(".pretty.json"))[:120] + ".txt"
    text = row["originalText"]
    return name, f"{header}Quelle: Wikinews\n{text}", len(text) - len(text.lstrip())


def _word_positions(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Start offsets of the words that lie inside any of `spans`."""
    return {
        m.start()
        for m in _WORD_RE.finditer(text)
        if any(s <= m.start() and m.end() <= e for s, e in spans)
    }


def _token_jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _speaker_right(pred: ArticleSpans, statement: tuple, gold: dict, shift: int) -> dict:
    """How a statement's speaker compares with the gold speaker span:

    - right: the words the statement names its speaker with ('er', 'Angaben der
      Polizei') overlap the gold speaker, as the dataset marks speakers, or `actor`;
    - actor: the speaker's actor has a mention there or a name the gold text holds;
    - antecedent: right, or a gold pronoun whose actor was named in this or the
      sentence before.
    With no gold speaker, right means naming none."""
    _, _, actor, source = statement
    spans = [(s["charBegin"] - shift, s["charEnd"] - shift) for s in gold["speaker"]["spans"]]
    if not spans:  # right means naming nobody
        return {
            "right": actor is None and source is None,
            "actor": actor is None,
            "antecedent": actor is None and source is None,
        }
    words = source is not None and any(source[0] < e and s < source[1] for s, e in spans)
    mentions = pred.mentions.get(actor, []) if actor is not None else []
    forms = pred.names.get(actor, set()) if actor is not None else set()
    text = gold["speaker"]["text"].casefold().strip()
    overlaps = any(ms < e and s < me for s, e in spans for ms, me in mentions)
    named = text in forms or any(form and form in text for form in forms if len(form) > 3)
    by_actor = overlaps or named
    # a pronoun or "der Sprecher": right when the actor was named in this or the sentence before
    first = spans[0][0]
    previous_end = pred.body.rfind(".", 0, first)
    window = pred.body.rfind(".", 0, previous_end) + 1 if previous_end > 0 else 0
    pronoun = bool(text) and (text in _PRONOUNS or text.split()[0] in _PRONOUNS)
    recent = any(window <= ms < first for ms, _ in mentions)
    return {
        "right": words or by_actor,
        "actor": by_actor,
        "antecedent": words or by_actor or (pronoun and recent),
    }


# a sentence ends at . ! ? : ; (a quote mark may follow) before a space and a capital or
# an opening quote mark, unless a digit comes before ('am 3. März'); or at a line break
_SENTENCE_END = re.compile(r"(?<!\d)[.!?:;][\"“”»]?\s+(?=[A-ZÄÖÜ„\"»])|\n")


def sentence_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The characters of the sentence that holds [start, end)."""
    first, last = 0, len(body)
    for m in _SENTENCE_END.finditer(body):
        if m.end() <= start:
            first = m.end()
        elif m.start() >= end - 1:
            last = m.start() + 1 if body[m.start()] != "\n" else m.start()
            break
    return first, last


def _names_a_thing(text: str) -> bool:
    """'Deutsche Krebshilfe', 'Le Grand Macabre': a quotation of
    two to five words that all start with a capital or a digit is a name or a title, not
    someone's words. (One word says nothing: German writes every noun with a capital,
    and „Zeitungsente“ is a speaker's word.)"""
    words = text.split()
    return 1 < len(words) <= 5 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def as_annotated(pred: ArticleSpans) -> list[tuple[int, int, str | None, tuple | None]]:
    """The statements with the spans the dataset gives such speech: a statement whose
    content is a noun phrase ('Greenpeace fordert die Vernichtung der Lagerbestände')
    is reported speech, annotated as its whole sentence, speaker and cue included."""
    return sorted(
        (*sentence_around(pred.body, s, e), speaker, source) if (s, e) in pred.phrases
        else (s, e, speaker, source)
        for s, e, speaker, source in pred.statements
    )  # fmt: skip


def nested_quotations(pred: ArticleSpans) -> list[tuple[int, int, str | None, tuple | None]]:
    """The statements, and each quotation inside one that is shorter than it, credited to
    its speaker: 'Er sagte, der Pilot trage die „volle Verantwortung“' holds the
    speaker's direct quotation 'volle Verantwortung', which the dataset annotates on its
    own beside the reported statement. Names and titles in quotes are no quotations."""
    out = list(pred.statements)
    quotes = [q for q in quote_spans(pred.body) if not _names_a_thing(pred.body[q[0] : q[1]])]
    for start, end, speaker, source in pred.statements:
        for q_start, q_end in quotes:
            # a statement's text loses the quote marks at its ends ('den Bericht eine
            # „Zeitungsente“' ends before the closing mark): one character of slack
            inside = start - 1 <= q_start and q_end <= end + 1
            if inside and (q_end - q_start) < 0.8 * (end - start):
                out.append((q_start, q_end, speaker, source))
    return sorted(out)


def _as_scored(pred: ArticleSpans) -> ArticleSpans:
    """The statements with the spans the dataset would give them, then the quotations
    inside them."""
    annotated = ArticleSpans(pred.body, as_annotated(pred), pred.mentions, pred.names)
    return ArticleSpans(pred.body, nested_quotations(annotated), pred.mentions, pred.names)


def score_wikinews(preds: dict[str, ArticleSpans], rows: list[dict]) -> dict:
    """Quotation detection (token Jaccard >= 0.5, one-to-one) and speaker attribution,
    in all and per quotation type. Statements are scored with the spans the dataset
    gives such speech (`as_annotated`); quotations inside a statement count as its
    speaker's (`nested_quotations`)."""
    total = {"quotes": Score(), "quote_and_speaker": Score(), "quote_and_actor": Score()}
    right = {"strict": 0, "actor": 0, "antecedent": 0}
    by_type = {t: {"gold": 0, "found": 0, "speaker_right": 0} for t in WIKINEWS_TYPES}
    for row in rows:
        name, _, shift = wikinews_article_file(row)
        pred = _as_scored(preds.get(name, ArticleSpans(body="")))
        golds = row["annotations"]
        g_words = [
            _word_positions(
                pred.body,
                [(s["charBegin"] - shift, s["charEnd"] - shift) for s in g["quote"]["spans"]],
            )
            for g in golds
        ]
        p_words = [_word_positions(pred.body, [(s, e)]) for s, e, *_ in pred.statements]
        overlap = [[_token_jaccard(pw, gw) for gw in g_words] for pw in p_words]
        pairs = max_matching(
            len(p_words), len(g_words),
            lambda p, g, o=overlap: o[p][g] >= 0.5, prefer=lambda p, g, o=overlap: o[p][g],
        )  # fmt: skip
        total["quotes"].add(Score(len(pairs), len(p_words) - len(pairs), len(g_words) - len(pairs)))
        speaker_pairs = actor_pairs = 0
        for g in golds:
            by_type.setdefault(g["type"], {"gold": 0, "found": 0, "speaker_right": 0})
            by_type[g["type"]]["gold"] += 1
        for p, g in pairs:
            verdict = _speaker_right(pred, pred.statements[p], golds[g], shift)
            strict = verdict["right"]
            right["strict"] += strict
            right["actor"] += verdict["actor"]
            right["antecedent"] += verdict["antecedent"]
            speaker_pairs += strict
            actor_pairs += verdict["actor"]
            kind = by_type[golds[g]["type"]]
            kind["found"] += 1
            kind["speaker_right"] += strict
        for key, tp in (("quote_and_speaker", speaker_pairs), ("quote_and_actor", actor_pairs)):
            total[key].add(Score(tp, len(p_words) - tp, len(g_words) - tp))
    matched = total["quotes"].tp
    return {
        "articles": len(rows),
        "quotes": total["quotes"].as_dict(),
        "speaker_accuracy": round(right["strict"] / matched, 4) if matched else 0.0,
        "speaker_accuracy_actor": round(right["actor"] / matched, 4) if matched else 0.0,
        "speaker_accuracy_pronoun_antecedent": (
            round(right["antecedent"] / matched, 4) if matched else 0.0
        ),
        "quote_and_speaker": total["quote_and_speaker"].as_dict(),
        "quote_and_actor": total["quote_and_actor"].as_dict(),
        "by_type": {
            t: v | {"recall": round(v["found"] / v["gold"], 4) if v["gold"] else 0.0}
            for t, v in by_type.items()
        },
    }


def spans_from_warehouse(con) -> dict[str, ArticleSpans]:
    """Each loaded article's statements and mentions with their offsets, by file name."""
    out: dict[str, ArticleSpans] = {}
    ids = {}
    for article_id, file_name, body in con.execute(
        "SELECT article_id, file_name, body FROM articles"
    ).fetchall():
        out[file_name] = ArticleSpans(body=body)
        ids[article_id] = file_name
    for article_id, speaker, start, end, src_start, src_end, form in con.execute(
        'SELECT article_id, speaker_actor_id, start, "end", source_start, source_end, form '
        "FROM statements ORDER BY start"
    ).fetchall():
        source = None if src_start is None else (src_start, src_end)
        out[ids[article_id]].statements.append((start, end, speaker, source))
        if form == "phrase":
            out[ids[article_id]].phrases.add((start, end))
    for article_id, actor_id, start, end, surface, name in con.execute(
        'SELECT m.article_id, m.actor_id, m.start, m."end", m.surface, a.name '
        "FROM mentions m JOIN actors a USING (actor_id)"
    ).fetchall():
        art = out[ids[article_id]]
        art.mentions.setdefault(actor_id, []).append((start, end))
        art.names.setdefault(actor_id, set()).update({surface.casefold(), name.casefold()})
    return out
