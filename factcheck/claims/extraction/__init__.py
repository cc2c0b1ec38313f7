"""Claim extraction: sentences with exact offsets, each scored for check-worthiness.

Pure Python with no Django models, so the import pipeline, management commands and tests all
call the same code::

    for sentence, result in extract(article.body):
        if result.checkworthy:
            ...  # article.body[sentence.start:sentence.end] == sentence.text
"""

from .figures import Figure, parse_figures
from .scoring import Model, Score, default_threshold, load_model, score
from .segmentation import Sentence, paragraph_at, segment

__all__ = [
    "Figure",
    "Model",
    "Score",
    "Sentence",
    "default_threshold",
    "extract",
    "load_model",
    "paragraph_at",
    "parse_figures",
    "score",
    "segment",
]


def extract(body: str, *, threshold: float | None = None) -> list[tuple[Sentence, Score]]:
    """Every sentence of ``body`` with its score, in reading order.

    ``threshold`` defaults to ``settings.FACTCHECK_CLAIM_THRESHOLD`` (or the tuned threshold
    shipped with the weights when Django is not configured).
    """
    if threshold is None:
        threshold = default_threshold()
    return [(sentence, score(sentence.text, threshold=threshold)) for sentence in segment(body)]
