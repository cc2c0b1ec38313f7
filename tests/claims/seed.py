"""The seed article's body, as the issue defines it, for the extraction tests."""

from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "factcheck" / "articles" / "data" / "seed-article.txt"

# Sentences of the seed article stating a figure (the list), each told by a phrase.
FIGURE_PHRASES = [
    "more than 180 times",
    "Some 770 million",
    "over 770 million",
    "78.2 years",
    "98.99 million",
    "over 70 percent",
    "10 years ahead of schedule",
    "one fifth of the world's population",
    "second-largest economy",
]


def seed_body() -> str:
    """The paragraphs between the byline and the editor line, without the repeated titles."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    title = lines[0]
    start = next(i for i, line in enumerate(lines) if line.rstrip().endswith("By:")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Editor:"))
    paragraphs = [line.strip() for line in lines[start:end] if line.strip()]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph != title)
