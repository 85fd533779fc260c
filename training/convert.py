"""Convert the corpora in /work/shared/data into spaCy DocBins for training.

Usage:
    python training/convert.py [--data ../shared/data] [--out training/corpus]

Output (all under --out, which is git-ignored):
    ner/<corpus>.spacy       one DocBin per NER corpus, labels mapped onto PER/ORG/LOC
    ner/germeval_dev.spacy   GermEval model-selection dev split (see SPLIT below)
    ner/germeval_dev.tsv     same, GermEval format (for evaluate_ner.py / soup.py)
    heldout/germeval_heldout.tsv   our held-out GermEval test split, GermEval format,
                                   NEVER used for training or model selection
    heldout/germeval_heldout.spacy same, as DocBin
    ud/{train,dev,heldout}.spacy   UD German GSD + PUD for tok2vec, morphologizer, senter
                                   and parser (10 sentences per Doc so the senter sees
                                   boundaries; contractions as one surface token)
    ud/heldout_{gsd,pud}.spacy     the held-out part of each treebank
    raw/pretrain.jsonl       raw text of all training sentences (for `spacy pretrain`)
    stats.json               sentence / entity counts

SPLIT (GermEval): the 4,100 sentences of NER-de-test-part.tsv are shuffled with
random.Random(20140) ; the first 700 are our held-out test, the next 400 the dev
set used for model selection during training, the remaining 3,000 are training
data together with all 2,200 sentences of NER-de-dev.tsv.

UD GSD: dev + test sentences (1,776) shuffled with random.Random(1776): first 250
held out, next 150 dev, rest train (1,376). UD PUD (1,000 sentences) shuffled with
random.Random(1000): first 150 held out, next 100 dev, rest train (750). The 400
held-out sentences score parser and morphologizer; nothing is trained or selected on them.

Label mapping (outer level only):
    GermEval: PER, ORG, LOC kept; OTH and all *deriv / *part -> O
    WikiANN, Europeana, HIPE-2022, APIS/OeBL: PER/ORG/LOC kept, others (HumanProd) -> O
    LER: PER, RR (judge), AN (lawyer) -> PER; ORG, UN, INN, GRT, MRK -> ORG;
         LD, ST, STR, LDS -> LOC; everything else (laws, norms, literature ...) -> O
    MobIE, SmartData: person -> PER; organization(-company) -> ORG;
         location, location-city, location-street -> LOC;
         location-stop, location-route -> missing (unknown; no loss either way);
         dates, triggers etc. -> O
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

HELDOUT_N = 700
GE_DEV_N = 400
GE_SEED = 20140
UD_SEED = 1776
UD_HELDOUT_N = 250
UD_DEV_N = 150
PUD_SEED = 1000
PUD_HELDOUT_N = 150
PUD_DEV_N = 100

nlp = spacy.blank("de")
VOCAB = nlp.vocab
STATS: dict[str, dict] = {}
RAW: list[str] = []


# --------------------------------------------------------------------- helpers
def make_doc(words, labels):
    """words + mapped BIO labels (B-X, I-X, O, or '-' for missing) -> Doc."""
    doc = Doc(VOCAB, words=words)
    ents, missing = [], []
    start, lab = None, None

    def close(end):
        if start is not None:
            ents.append(Span(doc, start, end, label=lab))

    for i, tag in enumerate(labels):
        if tag == "-":
            close(i)
            start, lab = None, None
            missing.append(doc[i : i + 1])
            continue
        if tag == "O":
            close(i)
            start, lab = None, None
            continue
        pre, _, typ = tag.partition("-")
        if pre == "B" or typ != lab or start is None:
            close(i)
            start, lab = i, typ
    close(len(labels))
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def bio_map(tags, mapping, missing_types=()):
    """Map raw BIO tags through mapping {raw_type: PER/ORG/LOC}; others -> O."""
    out = []
    prev_raw = None
    for t in tags:
        if t in ("O", "", None):
            out.append("O")
            prev_raw = None
            continue
        pre, _, typ = t.partition("-") if t[:2] in ("B-", "I-") else ("I", "", t)
        if typ in missing_types:
            out.append("-")
            prev_raw = None
            continue
        m = mapping.get(typ)
        if m is None:
            out.append("O")
            prev_raw = None
            continue
        if pre == "B" or prev_raw != typ:
            out.append("B-" + m)
        else:
            out.append("I-" + m)
        prev_raw = typ
    return out


def save(name, docs, sub="ner"):
    path = OUT / sub / f"{name}.spacy"
    path.parent.mkdir(parents=True, exist_ok=True)
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(path)
    c = Counter(e.label_ for d in docs for e in d.ents)
    STATS[f"{sub}/{name}"] = {"docs": len(docs), "words": sum(len(d) for d in docs), **c}
    print(f"{sub}/{name}: {len(docs)} docs, {dict(c)}")


def read_columns(path, word_col, tag_col, sep=None, opener=open, comment=None):
    """Generic CoNLL reader -> list of (words, tags); sentences split at blank lines."""
    sents, words, tags = [], [], []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if comment and line.startswith(comment):
                continue
            if not line.strip():
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            if line.startswith("-DOCSTART-"):
                continue
            cols = line.split(sep)
            if len(cols) <= max(word_col, tag_col):
                continue
            words.append(cols[word_col])
            tags.append(cols[tag_col])
    if words:
        sents.append((words, tags))
    return sents


# ------------------------------------------------------------------- GermEval
def read_germeval(path):
    """-> list of (comment_line, rows) with rows = [(idx, tok, outer, inner)]."""
    sents, rows, comment = [], [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                comment = line
                continue
            if not line.strip():
                if rows:
                    sents.append((comment, rows))
                rows, comment = [], None
                continue
            rows.append(tuple(line.split("\t")[:4]))
    if rows:
        sents.append((comment, rows))
    return sents


def germeval_tags(rows):
    out = []
    for r in rows:
        t = r[2]
        typ = t[2:] if t[:2] in ("B-", "I-") else ""
        if typ in ("PER", "ORG", "LOC"):
            out.append(t)
        else:
            out.append("O")
    # an I- after an O (dropped deriv/part) must start a new entity
    fixed = []
    for i, t in enumerate(out):
        if t.startswith("I-") and (i == 0 or fixed[-1] == "O" or fixed[-1][2:] != t[2:]):
            t = "B-" + t[2:]
        fixed.append(t)
    return fixed


def write_germeval(path, sents):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for comment, rows in sents:
            if comment:
                f.write(comment + "\n")
            for r in rows:
                f.write("\t".join(r) + "\n")
            f.write("\n")


def germeval():
    dev = read_germeval(DATA / "germeval2014/NER-de-dev.tsv")
    test = read_germeval(DATA / "germeval2014/NER-de-test-part.tsv")
    rng = random.Random(GE_SEED)
    idx = list(range(len(test)))
    rng.shuffle(idx)
    held = [test[i] for i in idx[:HELDOUT_N]]
    gdev = [test[i] for i in idx[HELDOUT_N : HELDOUT_N + GE_DEV_N]]
    gtrain = dev + [test[i] for i in idx[HELDOUT_N + GE_DEV_N :]]
    write_germeval(OUT / "heldout/germeval_heldout.tsv", held)
    write_germeval(OUT / "ner/germeval_dev.tsv", gdev)  # dev, for the acceptance-style scorer

    def docs(sents):
        return [make_doc([r[1] for r in rows], germeval_tags(rows)) for _, rows in sents]

    save("germeval_train", docs(gtrain))
    save("germeval_dev", docs(gdev))
    save("germeval_heldout", docs(held), sub="heldout")
    RAW.extend(" ".join(r[1] for r in rows) for _, rows in gtrain)


# ------------------------------------------------------------------ others
def conll_corpus(name, sents, mapping, missing=()):
    docs = [make_doc(w, bio_map(t, mapping, missing)) for w, t in sents if w]
    save(name, docs)
    RAW.extend(" ".join(w) for w, _ in sents)


def wikiann():
    sents = []
    for f in ("train.conll", "dev.conll"):
        sents += read_columns(DATA / "wikiann_panx_de" / f, 0, 1, sep="\t")
    conll_corpus("wikiann", sents, {"PER": "PER", "ORG": "ORG", "LOC": "LOC"})


def split_long(sents, max_len=60):
    """Split pseudo-sentences (e.g. whole articles) at '.' tokens."""
    out = []
    for w, t in sents:
        cw, ct = [], []
        for a, b in zip(w, t, strict=False):
            cw.append(a)
            ct.append(b)
            if (
                a in (".", "!", "?")
                and len(cw) >= 5
                and b == "O"
                or len(cw) >= max_len * 2
                and b == "O"
            ):
                out.append((cw, ct))
                cw, ct = [], []
        if cw:
            out.append((cw, ct))
    return out


def europeana():
    sents = []
    for f in sorted((DATA / "europeana").glob("*.bio")):
        sents += read_columns(f, 0, 1, sep=" ")
    conll_corpus("europeana", split_long(sents), {"PER": "PER", "ORG": "ORG", "LOC": "LOC"})


def hipe():
    sents = []
    for d in ("hipe2022_newseye_de", "hipe2022_sonar_de"):
        for f in sorted((DATA / d).glob("*.conll")):
            sents += read_columns(f, 0, 1, sep="\t", comment="#")
    conll_corpus("hipe", split_long(sents), {"PER": "PER", "ORG": "ORG", "LOC": "LOC"})


LER_MAP = {
    "PER": "PER",
    "RR": "PER",
    "AN": "PER",
    "ORG": "ORG",
    "UN": "ORG",
    "INN": "ORG",
    "GRT": "ORG",
    "MRK": "ORG",
    "LD": "LOC",
    "ST": "LOC",
    "STR": "LOC",
    "LDS": "LOC",
}


def ler():
    sents = []
    for f in sorted((DATA / "ler").glob("*.conll.gz")):
        sents += read_columns(f, 0, 1, sep=" ", opener=gzip.open)
    # keep all sentences with a mapped entity, 15% of the rest (legal boilerplate)
    rng = random.Random(7)
    keep = []
    for w, t in sents:
        has = any((x[2:] if x[:2] in ("B-", "I-") else x) in LER_MAP for x in t)
        if has or rng.random() < 0.15:
            keep.append((w, t))
    conll_corpus("ler", keep, LER_MAP)


DFKI_MAP = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
}
DFKI_MISSING = ("location-stop", "location-route")


def mobie():
    sents = []
    for f in ("train", "dev", "test"):
        sents += read_columns(DATA / "mobie" / f"{f}.conll2003", 0, 3, sep="\t")
    conll_corpus("mobie", sents, DFKI_MAP, DFKI_MISSING)


def smartdata():
    dec = json.JSONDecoder()
    sents = []
    for f in ("dev", "test"):
        with gzip.open(DATA / "smartdata" / f"{f}.json.gz", "rt", encoding="utf-8") as fh:
            s = fh.read()
        i = 0
        while True:
            while i < len(s) and s[i].isspace():
                i += 1
            if i >= len(s):
                break
            o, i = dec.raw_decode(s, i)
            toks = [(t["span"]["start"], t["span"]["end"]) for t in o["tokens"]["array"]]
            text = o["text"]["string"]
            tags = ["O"] * len(toks)
            for m in (o.get("conceptMentions") or {}).get("array", []):
                typ = m["type"].lower().replace("_", "-")
                a, b = m["span"]["start"], m["span"]["end"]
                inside = [k for k, (x, y) in enumerate(toks) if x >= a and y <= b]
                if not inside:
                    continue
                for j, k in enumerate(inside):
                    if tags[k] == "O":
                        tags[k] = ("B-" if j == 0 else "I-") + typ
            for sent in o["sentences"]["array"]:
                a, b = sent["span"]["start"], sent["span"]["end"]
                ks = [k for k, (x, y) in enumerate(toks) if x >= a and y <= b]
                w = [text[toks[k][0] : toks[k][1]] for k in ks]
                keep = [(ww, tags[k]) for ww, k in zip(w, ks, strict=False) if ww.strip()]
                if keep:
                    sents.append(([x for x, _ in keep], [y for _, y in keep]))
    conll_corpus("smartdata", sents, DFKI_MAP, DFKI_MISSING)


def apis():
    docs = []
    tok = spacy.blank("de").tokenizer
    with open(DATA / "apis_oebl_ner/all.jsonl", encoding="utf-8") as fh:
        lines = fh.readlines()
    for line in lines:
        o = json.loads(line)
        doc = tok(o["text"])
        spans = []
        for a, b, lab in o["entities"]:
            if lab not in ("PER", "ORG", "LOC"):
                continue
            sp = doc.char_span(a, b, label=lab, alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
        spans = spacy.util.filter_spans(spans)
        words = [t.text for t in doc]
        d = Doc(VOCAB, words=words, spaces=[bool(t.whitespace_) for t in doc])
        d.set_ents([Span(d, s.start, s.end, label=s.label_) for s in spans], default="outside")
        docs.append(d)
        RAW.append(o["text"])
    save("apis", docs)


# --------------------------------------------------------------------- UD
def read_conllu(path):
    """Sentences of a CoNLL-U file as (rows, multiword ranges): rows are the syntactic
    words, ranges (first id, last id, surface form, misc) of contractions like "im"."""
    sents, rows, ranges = [], [], []
    with open(path, encoding="utf-8") as fh:
        lines = fh.readlines()
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if rows:
                sents.append((rows, ranges))
            rows, ranges = [], []
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue  # empty nodes of enhanced UD
        if "-" in cols[0]:
            first, last = (int(x) for x in cols[0].split("-"))
            ranges.append((first, last, cols[1], cols[9]))
            continue
        rows.append(cols)
    if rows:
        sents.append((rows, ranges))
    return sents


def _merged_feats(feats: list[str]) -> str:
    """Union of morphological features, the first word's value winning."""
    merged: dict[str, str] = {}
    for f in feats:
        for pair in f.split("|") if f and f != "_" else []:
            key, _, value = pair.partition("=")
            merged.setdefault(key, value)
    return "|".join(f"{k}={v}" for k, v in sorted(merged.items()))


def surface_tokens(rows, ranges):
    """Tokens as the text shows them, as a tokenizer sees them: a contraction ("im",
    "zum") is one token. It keeps the word whose head lies outside the contraction (the
    first such word): its head, relation and POS; features are merged; dependents of
    the dropped words attach to it. Returns dicts of word, space, pos, morph, lemma,
    head (0-based within the sentence, self for the root) and dep."""
    by_id = {int(r[0]): r for r in rows}
    word_to_token: dict[int, int] = {}
    tokens = []
    spans = {first: (first, last, form, misc) for first, last, form, misc in ranges}
    wid = 1
    while wid <= len(rows):
        if wid in spans:
            first, last, form, misc = spans[wid]
            ids = list(range(first, last + 1))
            outside = [i for i in ids if not first <= int(by_id[i][6]) <= last]
            keep = by_id[outside[0] if outside else ids[0]]
            feats = _merged_feats([by_id[i][5] for i in ids])
            space_misc = misc
        else:
            ids, keep, form = [wid], by_id[wid], by_id[wid][1]
            feats = keep[5] if keep[5] != "_" else ""
            space_misc = keep[9]
        for i in ids:
            word_to_token[i] = len(tokens)
        tokens.append(
            {
                "word": form,
                "space": "SpaceAfter=No" not in space_misc,
                "pos": keep[3],
                "morph": feats,
                "lemma": keep[2],
                "head_word": int(keep[6]),
                "dep": keep[7],
            }
        )
        wid = ids[-1] + 1
    for i, tok in enumerate(tokens):
        head = tok.pop("head_word")
        tok["head"] = i if head == 0 else word_to_token[head]
        tok["dep"] = "ROOT" if head == 0 else tok["dep"]
    return tokens


def ud_docs(sents, per_doc=10):
    """Docs of `per_doc` sentences each (so the senter sees boundaries), with POS,
    morphology, lemmas, heads and dependency relations."""
    docs = []
    for i in range(0, len(sents), per_doc):
        words, spaces, pos, morphs, lemmas, heads, deps, starts = ([] for _ in range(8))
        for rows, ranges in sents[i : i + per_doc]:
            offset = len(words)
            for j, tok in enumerate(surface_tokens(rows, ranges)):
                words.append(tok["word"])
                spaces.append(tok["space"])
                pos.append(tok["pos"])
                morphs.append(tok["morph"])
                lemmas.append(tok["lemma"])
                heads.append(offset + tok["head"])
                deps.append(tok["dep"])
                starts.append(j == 0)
        docs.append(
            Doc(
                VOCAB,
                words=words,
                spaces=spaces,
                pos=pos,
                morphs=morphs,
                lemmas=lemmas,
                heads=heads,
                deps=deps,
                sent_starts=starts,
            )
        )
    return docs


def split(sents, seed, heldout_n, dev_n):
    sents = list(sents)
    random.Random(seed).shuffle(sents)
    return sents[:heldout_n], sents[heldout_n : heldout_n + dev_n], sents[heldout_n + dev_n :]


def ud():
    """UD German GSD (dev + test) and PUD, each split with its own seed; the held-out
    sentences of both are never trained on (parser and morphologizer alike)."""
    gsd = []
    for f in ("de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu"):
        gsd += read_conllu(DATA / "ud_german_gsd" / f)
    pud = read_conllu(DATA / "ud_german_pud" / "de_pud-ud-test.conllu")  # XPOS is not used
    gsd_held, gsd_dev, gsd_train = split(gsd, UD_SEED, UD_HELDOUT_N, UD_DEV_N)
    pud_held, pud_dev, pud_train = split(pud, PUD_SEED, PUD_HELDOUT_N, PUD_DEV_N)
    save("train", ud_docs(gsd_train + pud_train), sub="ud")
    save("dev", ud_docs(gsd_dev + pud_dev), sub="ud")
    save("heldout", ud_docs(gsd_held + pud_held), sub="ud")
    save("heldout_gsd", ud_docs(gsd_held), sub="ud")
    save("heldout_pud", ud_docs(pud_held), sub="ud")
    for rows, ranges in gsd_train + pud_train:
        RAW.append(" ".join(t["word"] for t in surface_tokens(rows, ranges)))


def main():
    global DATA, OUT
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    here = Path(__file__).resolve().parent
    ap.add_argument("--data", type=Path, default=here.parent.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=here / "corpus")
    args = ap.parse_args()
    DATA, OUT = args.data, args.out
    OUT.mkdir(parents=True, exist_ok=True)
    for fn in (germeval, wikiann, ler, mobie, smartdata, europeana, hipe, apis, ud):
        fn()
    (OUT / "raw").mkdir(exist_ok=True)
    with open(OUT / "raw/pretrain.jsonl", "w", encoding="utf-8") as f:
        for t in RAW:
            t = re.sub(r"\s+", " ", t).strip()
            if len(t) > 20:
                f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
    (OUT / "stats.json").write_text(json.dumps(STATS, indent=1))


if __name__ == "__main__":
    main()
