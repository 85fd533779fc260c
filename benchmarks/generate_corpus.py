"""Compose a corpus of synthetic German news articles in the input format.

Articles are built from this project's own templates and vocabulary (no real article
text): 300-900 words each, with persons and roles, organisations, places, figures with
qualifiers and claimants, direct quotes and reported speech. The same seed gives the
same corpus.

    python benchmarks/generate_corpus.py OUT_DIR --articles 10000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PEOPLE = [
    ("Anna", "Berger", "Bürgermeisterin"), ("Jonas", "Keller", "Finanzminister"),
    ("Petra", "Wagner", "Ökonomin"), ("Lukas", "Hoffmann", "Verbandschef"),
    ("Sabine", "Krüger", "Gesundheitsministerin"), ("Markus", "Vogel", "Gewerkschaftschef"),
    ("Elena", "Schröder", "Sprecherin"), ("Thomas", "Neumann", "Landrat"),
    ("Miriam", "Fischer", "Richterin"), ("Daniel", "Braun", "Polizeipräsident"),
]  # fmt: skip
ORGS = [
    "Bundesregierung", "Deutsche Bahn", "Statistisches Bundesamt", "EZB", "IG Metall",
    "Bundesagentur für Arbeit", "ADAC", "DGB", "Nato", "EU-Kommission",
]  # fmt: skip
PLACES = ["Kassel", "Leipzig", "Bayern", "Frankreich", "Polen", "Wien", "Hamburg", "Sachsen"]
SOURCES = ["dpa", "AFP", "Reuters", "epd", "KNA"]
NOUNS = [("Wohnungen", "Wohnung"), ("Beschäftigte", "Beschäftigte"), ("Soldaten", "Soldat"),
         ("Euro", "Euro"), ("Prozent", "Prozent"), ("Schulen", "Schule"), ("Züge", "Zug")]  # fmt: skip
QUALIFIERS = ["mehr als", "rund", "etwa", "knapp", "bis zu", "mindestens", ""]
TOPICS = ["den Haushalt", "die Energiepreise", "den Wohnungsbau", "die Bahnreform", "die Rente"]
VERBS = ["sagte", "erklärte", "betonte", "warnte", "kritisierte"]


def number(rng: random.Random) -> str:
    value = rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 90000)])
    return f"{value:,}".replace(",", ".")


def paragraph(rng: random.Random) -> str:
    first, last, role = rng.choice(PEOPLE)
    org, place, topic = rng.choice(ORGS), rng.choice(PLACES), rng.choice(TOPICS)
    plural, _ = rng.choice(NOUNS)
    qualifier = rng.choice(QUALIFIERS)
    figure = f"{qualifier} {number(rng)} {plural}".strip()
    sentences = [
        f"{role} {first} {last} {rng.choice(VERBS)} am Montag in {place}, die Lage sei ernst.",
        f"Nach Angaben der {org} betrifft die Entscheidung {figure}.",
        f"„Wir müssen jetzt handeln und {topic} neu ordnen“, sagte {last}.",
        f"Es gehe darum, die Kosten für {topic} zu begrenzen, {rng.choice(VERBS)} {last}.",
        f"Laut {org} stiegen die Ausgaben im Vorjahr um {rng.randint(2, 19)},{rng.randint(0, 9)} Prozent.",
        f"Kritiker in {place} halten das für zu wenig, dort fehlen nach eigenen Angaben Tausende {plural}.",
    ]
    rng.shuffle(sentences)
    return " ".join(sentences[: rng.randint(3, 6)])


def article(rng: random.Random, index: int) -> str:
    year, month = rng.choice([2023, 2024]), rng.randint(1, 12)
    words, paragraphs = 0, []
    target = rng.randint(300, 900)
    while words < target:
        p = paragraph(rng)
        paragraphs.append(p)
        words += len(p.split())
    source = rng.choice(SOURCES)
    title = f"{rng.choice(ORGS)} streitet über {rng.choice(TOPICS)} (Nr. {index})"
    return f"date {year}-{month:02d} {title}\nQuelle: {source}\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(out: Path, articles: int, seed: int = 7, per_folder: int = 1000) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(articles):
        folder = out / f"part-{i // per_folder:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article-{i:06d}.txt"
        path.write_text(article(rng, i), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="folder to write the articles into (created)")
    parser.add_argument(
        "--articles", type=int, default=1000, help="how many articles (default 1000)"
    )
    parser.add_argument(
        "--seed", type=int, default=7, help="random seed; the same seed gives the same corpus"
    )
    args = parser.parse_args()
    paths = generate(args.out, args.articles, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths[:200]) / max(
        1, min(200, len(paths))
    )
    print(f"wrote {len(paths)} articles to {args.out} (about {words:.0f} words each)")


if __name__ == "__main__":
    main()
