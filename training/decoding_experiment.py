"""R9c / R9d: change how a trained NER decodes, not its weights, and score the result.

    python training/decoding_experiment.py beam --model training/output/soup \\
        --score training/corpus/heldout/germeval_heldout.tsv --widths 1 4 8
    python training/decoding_experiment.py bias --model training/output/soup4 \\
        --score training/corpus/ner/germeval_dev.tsv --deltas 0 0.25 0.5 1 1.5

`beam` copies the NER-only pipeline to a temporary folder as a `beam_ner` of each width.
`bias` adds a constant to the output bias of every action that starts an entity (B-, U-),
trading precision for recall. Both print F1, precision and recall per setting.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evaluate_ner  # noqa: E402  (sibling script)


def as_beam(model: str, out: Path, width: int) -> None:
    """Save the NER-only pipeline `model` to `out` as a beam_ner of `width`."""
    shutil.copytree(model, out, dirs_exist_ok=True)
    config = (out / "config.cfg").read_text()
    config = re.sub(
        r'\[components\.ner\]\nfactory = "(beam_)?ner"\n(beam_\w+ = .*\n)*',
        f'[components.ner]\nfactory = "beam_ner"\nbeam_width = {width}\n'
        "beam_density = 0.01\nbeam_update_prob = 0.5\n",
        config,
    )
    (out / "config.cfg").write_text(config)
    # the component's saved cfg wins over the config on load
    cfg = json.loads((out / "ner" / "cfg").read_text())
    cfg.update(beam_width=width, beam_density=0.01 if width > 1 else 0.0)
    (out / "ner" / "cfg").write_text(json.dumps(cfg))


def beam(model: str, paths: list[str], widths: list[int]) -> None:
    import spacy

    with tempfile.TemporaryDirectory() as tmp:
        for width in widths:
            out = Path(tmp) / f"beam{width}"
            as_beam(model, out, width)
            nlp = spacy.load(out)
            assert nlp.get_pipe("ner").cfg["beam_width"] == width
            print(f"beam width {width}: {evaluate_ner.summaries(nlp, paths)}", flush=True)


def bias(model: str, paths: list[str], deltas: list[float]) -> None:
    import spacy

    nlp = spacy.load(model)
    ner = nlp.get_pipe("ner")
    actions = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    # the output layer is the node whose bias has one entry per action
    (output,) = [
        n
        for n in ner.model.walk()
        if n.has_param("b") and n.get_param("b").shape == (len(actions),)
    ]
    original = output.get_param("b").copy()
    starts = [i for i, name in enumerate(actions) if name.startswith(("B-", "U-"))]
    for delta in deltas:
        shifted = original.copy()
        shifted[starts] += delta
        output.set_param("b", shifted)
        print(f"bias +{delta}: {evaluate_ner.summaries(nlp, paths)}", flush=True)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("experiment", choices=["beam", "bias"])
    ap.add_argument("--model", required=True, help="an NER-only pipeline (see soup.py base)")
    ap.add_argument("--score", nargs="+", required=True, help="GermEval-format files")
    ap.add_argument("--widths", nargs="+", type=int, default=[1, 4, 8], help="beam widths")
    ap.add_argument(
        "--deltas", nargs="+", type=float, default=[0, 0.25, 0.5, 1, 1.5], help="bias shifts"
    )
    args = ap.parse_args(argv)
    if args.experiment == "beam":
        beam(args.model, args.score, args.widths)
    else:
        bias(args.model, args.score, args.deltas)


if __name__ == "__main__":
    main()
