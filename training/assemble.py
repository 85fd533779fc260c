"""Assemble the shipped pipeline from a trained NER pipeline, a trained syntax pipeline
(shared tok2vec + morphologizer + senter + parser; or an older morphologizer-only
pipeline via --morph) and, optionally, a trained speech-event pipeline; add the lookup
lemmatizer (tables baked in), evaluate, write meta.json and save.

Usage:
    python training/assemble.py --ner training/output/ner/model-best \
        --syntax training/output/syntax/model-best --speech training/output/speech/model-best \
        --out training/output/shipped --version 0.7.0

Every component is self-contained (the NER and the speech component have their own
tok2vec; morphologizer, senter and parser listen to the syntax tok2vec), so
`spacy.load(out)` needs only spaCy; no custom code, no spacy-lookups-data at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import evaluate_ner  # noqa: E402

VERSION = "0.1.0"


def own_tok2vec(nlp, comps):
    """Give each of `comps` that listens to the shared `tok2vec` its own copy of it, then
    drop the shared one."""
    if "tok2vec" in nlp.pipe_names:
        listening = nlp.get_pipe("tok2vec").listening_components
        for c in comps:
            if c in listening:
                nlp.replace_listeners("tok2vec", c, ["model.tok2vec"])
    if "tok2vec" in nlp.pipe_names:
        nlp.remove_pipe("tok2vec")
    return nlp


def eval_morph(nlp, path):
    """POS / full-morph accuracy, Mood=Sub P/R/F, sentence F on gold-tokenized UD docs."""
    ref_docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    n = pos_ok = morph_ok = 0
    sub_tp = sub_fp = sub_fn = mood_n = mood_ok = 0
    s_tp = s_fp = s_fn = 0
    from spacy.tokens import Doc

    docs = [
        Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
        for d in ref_docs
    ]
    for ref, doc in zip(ref_docs, nlp.pipe(docs), strict=False):
        for g, p in zip(ref, doc, strict=False):
            n += 1
            pos_ok += g.pos_ == p.pos_
            morph_ok += str(g.morph) == str(p.morph)
            gm, pm = g.morph.get("Mood"), p.morph.get("Mood")
            if gm:
                mood_n += 1
                mood_ok += gm == pm
            gs, ps = "Sub" in gm, "Sub" in pm
            sub_tp += gs and ps
            sub_fp += ps and not gs
            sub_fn += gs and not ps
            if g.i > 0:
                gss, pss = bool(g.is_sent_start), bool(p.is_sent_start)
                s_tp += gss and pss
                s_fp += pss and not gss
                s_fn += gss and not pss

    def f(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {
            "p": round(p, 4),
            "r": round(r, 4),
            "f": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        }

    return {
        "tokens": n,
        "sentences": len([t for d in ref_docs for t in d if t.is_sent_start]),
        "pos_acc": round(pos_ok / n, 4),
        "morph_acc": round(morph_ok / n, 4),
        "mood_acc": round(mood_ok / mood_n, 4) if mood_n else None,
        "mood_tokens": mood_n,
        "mood_sub": {**f(sub_tp, sub_fp, sub_fn), "gold": sub_tp + sub_fn},
        "sents": f(s_tp, s_fp, s_fn),
    }


def eval_syntax(nlp, path):
    """UAS, LAS and per-relation F (nsubj, ccomp, ...) on gold-tokenized UD docs, with
    the pipeline's own sentence boundaries (as it meets text)."""
    from spacy.tokens import Doc
    from spacy.training import Example

    ref_docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    examples = [
        Example(
            Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]), d
        )
        for d in ref_docs
    ]
    scores = nlp.evaluate(examples)
    per_type = scores.get("dep_las_per_type") or {}
    return {
        "uas": round(scores["dep_uas"], 4),
        "las": round(scores["dep_las"], 4),
        "relations": {
            rel: {k: round(v, 4) for k, v in per_type[rel].items()}
            for rel in ("nsubj", "obj", "ccomp", "xcomp", "parataxis", "obl", "nmod")
            if rel in per_type
        },
    }


def speech_scores(nlp):
    """SpkAtt-style token scores of the speech component on our SpkAtt dev split."""
    import evaluate_speech

    return evaluate_speech.spkatt(nlp, "dev")


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--ner", required=True)
    ap.add_argument(
        "--syntax",
        help="tok2vec + morphologizer + senter + parser (+ a jointly trained speech) pipeline",
    )
    ap.add_argument("--morph", help="a morphologizer + senter pipeline (before v0.7)")
    ap.add_argument("--speech", help="a pipeline whose `speech` spancat has its own tok2vec")
    ap.add_argument(
        "--speech-threshold", type=float, default=None, help="the speech spancat's threshold"
    )
    ap.add_argument("--out", required=True)
    ap.add_argument("--version", default=VERSION)
    ap.add_argument(
        "--sentencizer",
        action="store_true",
        help="rule-based sentencizer instead of the trained senter",
    )
    ap.add_argument("--heldout", default=str(HERE / "corpus/heldout/germeval_heldout.tsv"))
    ap.add_argument("--ud-heldout", default=str(HERE / "corpus/ud/heldout.spacy"))
    args = ap.parse_args()

    ner_nlp = own_tok2vec(spacy.load(args.ner), ["ner"])
    for name in [n for n in ner_nlp.pipe_names if n not in ("ner", "ner_lexicon", "lemmatizer")]:
        ner_nlp.remove_pipe(name)  # a whole shipped pipeline may serve as --ner
    # the syntax pipeline is the base: it keeps its static vectors, which its tok2vec
    # (shared by morphologizer, senter, parser and a jointly trained `speech`) reads
    nlp = spacy.load(args.syntax) if args.syntax else spacy.blank("de")
    # NER first: it then runs before any sentence boundaries are set (a predicted boundary
    # inside a name would otherwise cut the entity; measured -1 TP on the held-out split)
    nlp.add_pipe("ner", source=ner_nlp, first=True)
    ruler = next(
        (n for n in ner_nlp.pipe_names if ner_nlp.get_pipe_meta(n).factory == "attribute_ruler"),
        None,
    )
    if ruler is not None:
        # R11: the lexicon tags the NER reads (token.morph, overwritten by the morphologizer)
        nlp.add_pipe(ruler, name="ner_lexicon", source=ner_nlp, first=True)
    if args.syntax:
        pass
    elif args.sentencizer:
        morph_nlp = own_tok2vec(spacy.load(args.morph, exclude=["senter"]), ["morphologizer"])
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("morphologizer", source=morph_nlp)
    else:
        # the morph pipeline's tok2vec is shared by morphologizer and senter (listeners)
        morph_nlp = spacy.load(args.morph)
        for name in ("tok2vec", "morphologizer", "senter"):
            nlp.add_pipe(name, source=morph_nlp)
    if args.speech:
        nlp.add_pipe("spancat", name="speech", source=spacy.load(args.speech))
    if args.speech_threshold is not None and "speech" in nlp.pipe_names:
        nlp.get_pipe("speech").cfg["threshold"] = args.speech_threshold
    if "lemmatizer" in ner_nlp.pipe_names:  # e.g. --ner transforms/nlp/model: its table
        nlp.add_pipe("lemmatizer", source=ner_nlp)
    else:
        lem = nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": False})
        lem.initialize()  # loads lemma_lookup from spacy-lookups-data (saved with the pipeline)

    ner_scores = evaluate_ner.evaluate(nlp, args.heldout)
    morph_scores = eval_morph(nlp, args.ud_heldout)
    syntax = eval_syntax(nlp, args.ud_heldout) if "parser" in nlp.pipe_names else None
    speech = speech_scores(nlp) if "speech" in nlp.pipe_names else None
    report = {"ner": ner_scores, "morph": morph_scores, "syntax": syntax, "speech": speech}
    print(json.dumps(report, indent=1))

    nlp.meta.update(
        {
            "name": "de_newsfacts",
            "lang": "de",
            "version": args.version,
            "description": "German pipeline of the newsfacts ETL: CNN NER (PER/ORG/LOC, GermEval-2014 "
            "outer-span style); morphologizer (UPOS + UD features incl. Mood=Sub), senter and "
            "dependency parser on UD German GSD + PUD; a speech-event span categorizer "
            "(`speech`: cues, particles, sources, addressees; SpkAtt-2023); lookup lemmatizer "
            "(spacy-lookups-data table baked in). See README.md (model card).",
            "author": "newsfacts contributors",
            "license": "CC BY-SA 4.0",
            "sources": [
                {
                    "name": "GermEval 2014 NER (dev + 3,400 of the released test sentences)",
                    "license": "CC BY 4.0",
                    "author": "Benikova, Biemann, Reznicek (LREC 2014)",
                },
                {
                    "name": "WikiANN / PAN-X German (XTREME split)",
                    "license": "derived from Wikipedia, CC BY-SA",
                },
                {
                    "name": "Legal Entity Recognition (LER), German court decisions",
                    "license": "CC BY 4.0",
                    "author": "Leitner, Rehm, Moreno-Schneider",
                },
                {"name": "MobIE (DFKI)", "license": "CC BY 4.0"},
                {"name": "SmartData corpus (DFKI)", "license": "CC BY 4.0"},
                {"name": "Europeana Newspapers NER (German)", "license": "CC0"},
                {"name": "HIPE-2022 NewsEye + SoNAR German", "license": "CC BY 4.0"},
                {"name": "APIS / OeBL NER", "license": "MIT"},
                {
                    "name": "Universal Dependencies German GSD (dev + test)",
                    "license": "CC BY-SA 4.0",
                },
                {
                    "name": "Universal Dependencies German PUD (CoNLL 2017 shared task)",
                    "license": "CC BY-SA 3.0",
                },
                {
                    "name": "SpkAtt-2023 Task 1 training split (GePaDe, Bundestag speeches)",
                    "license": "CC BY-SA 4.0",
                    "author": "Rehbein, Ruppenhofer, Zaberer et al. (KONVENS 2023)",
                },
                {
                    "name": "Plenarprotokolle des Deutschen Bundestages (Open Data), raw text "
                    "for pretraining",
                    "license": "official records (public domain as commonly held)",
                },
                {
                    "name": "spacy-lookups-data German lemma lookup table",
                    "license": "MIT (spacy-lookups-data)",
                },
            ],
            "performance": {
                "heldout_germeval_outer_ents": ner_scores,
                "ud_heldout_morph": morph_scores,
                **({"ud_heldout_syntax": syntax} if syntax else {}),
                **({"spkatt_dev_speech_events": speech} if speech else {}),
            },
        }
    )
    out = Path(args.out)
    nlp.to_disk(out)
    # The training vocab's string table (every word form seen in training, ~6 MB) is not
    # needed at run time: hash embeddings hash the text, labels live in the components'
    # cfg and are re-added on load. Verified: identical NER/morph output without it.
    (out / "vocab" / "strings.json").write_text("[]")
    print("saved", out)


if __name__ == "__main__":
    main()
