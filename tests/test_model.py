"""Tests of the shipped German spaCy pipeline (transforms/nlp/model) and of the
acceptance-style NER scorer (training/evaluate_ner.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "transforms" / "nlp" / "model"
SHARED = ROOT.parent / "shared" / "data"


def _load_eval():
    spec = importlib.util.spec_from_file_location(
        "evaluate_ner", ROOT / "training" / "evaluate_ner.py"
    )
    mod = importlib.util.module_from_spec(spec)
    sys.modules["evaluate_ner"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL)


def test_model_loads_without_lookups_data(monkeypatch):
    # the lemma tables are baked in: loading must not need spacy-lookups-data
    monkeypatch.setitem(sys.modules, "spacy_lookups_data", None)
    nlp = spacy.load(MODEL)
    assert nlp("Die Soldaten marschieren.")[1].lemma_ == "Soldat"


def test_components_and_labels(nlp):
    for name in ("ner", "morphologizer", "parser", "speech", "lemmatizer"):
        assert name in nlp.pipe_names
    assert "sentencizer" in nlp.pipe_names or "senter" in nlp.pipe_names
    assert {"PER", "ORG", "LOC"} <= set(nlp.get_pipe("ner").labels)
    assert nlp.get_pipe("lemmatizer").mode == "lookup"


def test_meta(nlp):
    meta = json.loads((MODEL / "meta.json").read_text())
    assert meta["name"] == "de_newsfacts"
    assert meta["lang"] == "de"
    assert meta["version"]
    assert meta["sources"]
    for key in (
        "heldout_germeval_outer_ents",
        "ud_heldout_syntax",
        "spkatt_dev_speech_events",
    ):
        assert key in meta["performance"]
    assert meta["license"] == "CC BY-SA 4.0"  # trained on CC BY-SA treebanks and SpkAtt


def test_size_under_45mb():
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size < 45 * 1024 * 1024


def test_parses_and_marks_speech(nlp):
    doc = nlp("Die Ministerin sagte am Montag, die Netze müssten erneuert werden.")
    assert doc.has_annotation("DEP")
    verb = next(t for t in doc if t.text == "sagte")
    assert any(c.dep_ == "nsubj" and c.text == "Ministerin" for c in verb.children)
    assert any(s.label_ == "CUE" and s.text == "sagte" for s in doc.spans["speech"])


def _ents(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_finds_person(nlp):
    ents = _ents(
        nlp,
        "Bundeskanzlerin Angela Merkel traf am Montag den französischen Präsidenten Emmanuel Macron.",
    )
    assert ("Angela Merkel", "PER") in ents


def test_finds_organisation(nlp):
    ents = _ents(
        nlp, "Der Vorstand der Deutschen Bank hat die Zahlen für das dritte Quartal vorgelegt."
    )
    assert any(label == "ORG" and "Bank" in text for text, label in ents)


def test_finds_place(nlp):
    ents = _ents(nlp, "Die Polizei in Hamburg ermittelt nach einem Brand in einer Lagerhalle.")
    assert ("Hamburg", "LOC") in ents


def test_konjunktiv_mood_sub(nlp):
    doc = nlp("Er sagte, die Lage sei ernst.")
    sei = [t for t in doc if t.text == "sei"][0]
    assert "Sub" in sei.morph.get("Mood")
    assert sei.pos_ in ("AUX", "VERB")


def test_indicative_not_sub(nlp):
    doc = nlp("Die Lage ist ernst.")
    ist = [t for t in doc if t.text == "ist"][0]
    assert "Sub" not in ist.morph.get("Mood")


def test_lemmatizer(nlp):
    doc = nlp("Die Soldaten kehrten zurück.")
    assert doc[1].lemma_ == "Soldat"


def test_sentences(nlp):
    doc = nlp("Das ist der erste Satz. Hier kommt der zweite Satz.")
    assert len(list(doc.sents)) == 2


SAMPLE = (
    "#\thttp://example.org/a\t[2024-01-01]\n"
    "1\tAngela\tB-PER\tO\n"
    "2\tMerkel\tI-PER\tO\n"
    "3\tbesuchte\tO\tO\n"
    "4\tdie\tO\tO\n"
    "5\tUniversität\tB-ORG\tO\n"
    "6\tLeipzig\tI-ORG\tB-LOC\n"
    "7\t.\tO\tO\n"
    "\n"
    "#\thttp://example.org/b\t[2024-01-02]\n"
    "1\tDie\tO\tO\n"
    "2\tdeutsche\tB-LOCderiv\tO\n"
    "3\tRegierung\tO\tO\n"
    "4\tin\tO\tO\n"
    "5\tBerlin\tB-LOC\tO\n"
    "6\tschwieg\tO\tO\n"
    "7\t.\tO\tO\n"
    "\n"
)


class _FakeNLP:
    """Stands in for a pipeline: predicts fixed spans per sentence."""

    def __init__(self, vocab, preds):
        self.vocab, self.preds = vocab, preds

    def pipe(self, docs, batch_size=128):
        from spacy.tokens import Span

        for doc, spans in zip(docs, self.preds, strict=False):
            doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in spans]
            yield doc


def test_evaluate_script_scoring(tmp_path):
    ev = _load_eval()
    path = tmp_path / "sample.tsv"
    path.write_text(SAMPLE, encoding="utf-8")
    sents = ev.read_germeval(path)
    assert len(sents) == 2
    gold = [ev.spans_from_iob(t) for _, t in sents]
    # LOCderiv and the inner LOC are ignored
    assert gold == [{(0, 2, "PER"), (4, 6, "ORG")}, {(4, 5, "LOC")}]
    vocab = spacy.blank("de").vocab
    # sentence 1: PER right, ORG boundary wrong; sentence 2: LOC right + an extra
    # LOC on "deutsche" (gold LOCderiv, so a false positive) + an ignored OTH
    fake = _FakeNLP(
        vocab, [[(0, 2, "PER"), (5, 6, "ORG")], [(1, 2, "LOC"), (4, 5, "LOC"), (2, 3, "OTH")]]
    )
    res = ev.evaluate(fake, path)
    assert res["PER"] == {"p": 1.0, "r": 1.0, "f": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert res["ORG"]["tp"] == 0 and res["ORG"]["fp"] == 1 and res["ORG"]["fn"] == 1
    assert res["LOC"]["tp"] == 1 and res["LOC"]["fp"] == 1 and res["LOC"]["fn"] == 0
    assert res["overall"]["tp"] == 2 and res["overall"]["fp"] == 2 and res["overall"]["fn"] == 1
    assert res["overall"]["p"] == 0.5 and res["overall"]["r"] == 0.6667


def test_evaluate_script_on_real_model(tmp_path, nlp):
    ev = _load_eval()
    path = tmp_path / "sample.tsv"
    path.write_text(SAMPLE, encoding="utf-8")
    res = ev.main(["--model", str(MODEL), "--data", str(path), "--json", str(tmp_path / "s.json")])
    assert res["sentences"] == 2
    assert res["PER"]["tp"] == 1  # "Angela Merkel"
    assert json.loads((tmp_path / "s.json").read_text())["overall"]["f"] == res["overall"]["f"]


@pytest.mark.skipif(
    not (SHARED / "germeval2014" / "NER-de-dev.tsv").exists(), reason="../shared/data absent"
)
def test_germeval_dev_sanity(nlp):
    """The model was trained on GermEval dev, so it must score well above chance there."""
    ev = _load_eval()
    res = ev.evaluate(nlp, SHARED / "germeval2014" / "NER-de-dev.tsv")
    assert res["overall"]["f"] > 0.6


def _load_soup():
    _load_eval()  # soup.py imports the scorer as a sibling module
    spec = importlib.util.spec_from_file_location("soup", ROOT / "training" / "soup.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_soup_averages_ner_weights(tmp_path):
    """training/soup.py (step R9): the NER split out of the shipped model keeps its
    predictions, and averaging two pipelines gives the mean of every NER weight."""
    soup = _load_soup()
    base = tmp_path / "base"
    soup.split_out_ner(str(MODEL), str(base))
    alone = spacy.load(base)
    assert alone.pipe_names == ["ner"]
    text = "Angela Merkel traf in Paris Vertreter der Vereinten Nationen."
    full = spacy.load(MODEL)
    assert [(e.text, e.label_) for e in alone(text).ents] == [
        (e.text, e.label_) for e in full(text).ents
    ]
    # a second ingredient whose weights are all zero: the mean must be half of the first
    zeroed = spacy.load(base)
    for node in zeroed.get_pipe("ner").model.walk():
        for name in node.param_names:
            if node.has_param(name) and node.get_param(name) is not None:
                node.set_param(name, node.get_param(name) * 0)
    zeroed_path = tmp_path / "zeroed"
    zeroed.to_disk(zeroed_path)
    averaged = soup.average_ner([str(base), str(zeroed_path)])
    pairs = zip(
        averaged.get_pipe("ner").model.walk(), alone.get_pipe("ner").model.walk(), strict=True
    )
    checked = 0
    for mean_node, first_node in pairs:
        for name in first_node.param_names:
            if first_node.has_param(name) and first_node.get_param(name) is not None:
                assert (mean_node.get_param(name) == first_node.get_param(name) / 2).all()
                checked += 1
    assert checked > 10


def test_soup_base_gives_a_listening_ner_its_own_tok2vec(tmp_path):
    # a training output whose NER listens to a shared tok2vec component
    soup = _load_soup()
    nlp = spacy.blank("de")
    nlp.add_pipe("tok2vec")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96}
    parser = {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner"}
    nlp.add_pipe("ner", config={"model": {**parser, "tok2vec": listener}}).add_label("PER")
    nlp.initialize()
    assert "ner" in nlp.get_pipe("tok2vec").listening_components
    nlp.to_disk(tmp_path / "listening")
    soup.split_out_ner(str(tmp_path / "listening"), str(tmp_path / "base"))
    alone = spacy.load(tmp_path / "base")
    assert alone.pipe_names == ["ner"]
    from spacy.tokens import Doc

    listening = spacy.load(tmp_path / "listening")
    doc = Doc(listening.vocab, words=["Anna", "Arndt", "sprach", "in", "Berlin", "."])
    own = alone.get_pipe("ner").model.get_ref("tok2vec")
    assert not any(node.name == "listener" for node in own.walk())
    shared = listening.get_pipe("tok2vec").model.predict([doc])[0]
    assert (own.layers[0].predict([doc])[0] == shared).all()  # the shared weights, copied


def _load_lexicon_feature():
    _load_eval()
    spec = importlib.util.spec_from_file_location(
        "lexicon_feature", ROOT / "training" / "lexicon_feature.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_lexicon_tags_follow_the_share_inside_names():
    lex = _load_lexicon_feature()
    assert lex.tag_for(1, {"PER": 1}) is None  # seen once: no evidence
    assert lex.tag_for(10, {"PER": 9, "LOC": 1}) == "Per9"
    assert lex.tag_for(10, {"ORG": 6}) == "Org5"
    assert lex.tag_for(10, {"LOC": 2}) == "Mix"
    assert lex.tag_for(10, {}) == "Out"
    assert lex.tag_for(1, {"ORG": 1}, min_count=1) == "Org1"  # singletons, when asked for
    assert lex.tag_for(1, {}, min_count=1) is None
    assert lex.tag_for(10, {"PER": 9}, position="B") == "Per9B"


def test_lexicon_counts_forms_inside_names(tmp_path):
    from spacy.tokens import DocBin, Span

    lex = _load_lexicon_feature()
    nlp = spacy.blank("de")
    docs = []
    for text, ents in [
        ("Anna Arndt kam nach Kiel .", [(0, 2, "PER"), (4, 5, "LOC")]),
        ("Anna Arndt blieb in Kiel .", [(0, 2, "PER"), (4, 5, "LOC")]),
        ("Kiel gewann in Kiel .", [(0, 1, "ORG"), (3, 4, "LOC")]),
    ]:
        doc = nlp.make_doc(text)
        doc.ents = [Span(doc, start, end, label) for start, end, label in ents]
        docs.append(doc)
    DocBin(docs=docs).to_disk(tmp_path / "toy.spacy")
    tags = {
        form: tag
        for tag, forms in lex.build_lexicon(tmp_path, ["toy"], positions=True).items()
        for form in forms
    }
    # Kiel: 3 of 4 times LOC, always alone; Arndt always last in a name; "in" twice, never
    assert tags == {"Anna": "Per9B", "Arndt": "Per9L", "Kiel": "Loc7U", "in": "Out", ".": "Out"}


def test_lexicon_graft_keeps_predictions_and_tags_tokens(tmp_path):
    """training/lexicon_feature.py (step R11): grafting the lexicon feature onto an NER
    changes no prediction until fine-tuning, and the ruler's tags survive saving."""
    lex = _load_lexicon_feature()
    # a base without the feature (the shipped NER has it already): a small random NER
    nlp = spacy.blank("de")
    embed = {"@architectures": "spacy.MultiHashEmbed.v2", "width": 96, "rows": [500, 100]}
    embed.update(attrs=["NORM", "SHAPE"], include_static_vectors=False)
    encode = {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 96, "depth": 1}
    encode.update(window_size=1, maxout_pieces=3)
    tok2vec = {"@architectures": "spacy.Tok2Vec.v2", "embed": embed, "encode": encode}
    parser = {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner"}
    ner = nlp.add_pipe("ner", config={"model": {**parser, "tok2vec": tok2vec}})
    for label in ("PER", "LOC"):
        ner.add_label(label)
    nlp.initialize()
    nlp.to_disk(tmp_path / "base")
    lexicon = {"Per9": ["Merkel"], "Loc9": ["Paris"], "Out": ["traf", "in"]}
    lex.graft(str(tmp_path / "base"), lexicon).to_disk(tmp_path / "grafted")
    grafted, base = spacy.load(tmp_path / "grafted"), spacy.load(tmp_path / "base")
    assert grafted.pipe_names == ["attribute_ruler", "ner"]
    text = "Angela Merkel traf in Paris Vertreter der Vereinten Nationen und Olaf Scholz."
    doc = grafted(text)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [
        (e.start, e.end, e.label_) for e in base(text).ents
    ]
    assert [str(t.morph) for t in doc[:5]] == ["", "Lex=Per9", "Lex=Out", "Lex=Out", "Lex=Loc9"]
    with pytest.raises(ValueError, match="already reads MORPH"):
        lex.graft(str(tmp_path / "grafted"), lexicon)
    # the widened columns read exactly the lexicon tags: while they are zero a doc with and
    # without tags encodes the same; once they are not, the tagged tokens encode differently
    tok2vec = grafted.get_pipe("ner").model.get_ref("tok2vec")
    untagged = grafted.make_doc(text)

    def encoded(d):
        return tok2vec.predict([d])  # one row per token (the NER flattens the batch)

    assert (encoded(doc) == encoded(untagged)).all()
    mixer = next(n for n in tok2vec.walk() if n.name == "maxout")
    weights = mixer.get_param("W").copy()
    weights[..., -96:] = 5.0
    mixer.set_param("W", weights)
    changed = (encoded(doc) != encoded(untagged)).any(axis=1).tolist()
    tagged = [bool(str(t.morph)) for t in doc]
    # one window layer of width 1: a token sees its own tag and its neighbours'
    assert changed == [any(tagged[max(i - 1, 0) : i + 2]) for i in range(len(doc))]
    assert not all(changed)  # "Vertreter der Vereinten Nationen" carry no tag


def test_the_rules_version_follows_every_rule_file_also_in_subpackages(tmp_path, monkeypatch):
    from newsfacts.transforms.nlp import meta

    (tmp_path / "attribution").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "attribution" / "speakers.py").write_text("A = 1\n")
    (tmp_path / "rules" / "cues.toml").write_text("x = 1\n")
    monkeypatch.setattr(meta, "_RULES_DIR", tmp_path)
    seen = []
    for path, text in [
        (None, None),
        ("attribution/speakers.py", "A = 2\n"),
        ("rules/cues.toml", "x = 2\n"),
    ]:
        if path:
            (tmp_path / path).write_text(text)
        meta.rules_version.cache_clear()
        seen.append(meta.rules_version())
    meta.rules_version.cache_clear()
    assert len(set(seen)) == 3
