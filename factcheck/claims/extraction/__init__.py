"""Claim extraction: sentences with exact offsets, each scored for check-worthiness.

Pure Python with no Django models, so the import pipeline, management commands and tests all
call the same code::

    for sentence, result in extract(article.body, language=article.language):
        if result.checkworthy:
            ...  # article.body[sentence.start:sentence.end] == sentence.text

Each language is scored by its own model (``model_for``): Chinese and Japanese by the Chinese
model, every other language by the English one; never the one with the other's features.
"""

from .figures import Figure, parse_figures
from .scoring import Model, Score, default_threshold, load_model, model_for, score
from .segmentation import Sentence, paragraph_at, segment

__all__ = [
    "Figure",
    "Model",
    "Score",
    "Sentence",
    "default_threshold",
    "extract",
    "load_model",
    "model_for",
    "paragraph_at",
    "parse_figures",
    "score",
    "segment",
]


def extract(
    body: str,
    *,
    language: str = "en",
    model: Model | None = None,
    threshold: float | None = None,
) -> list[tuple[Sentence, Score]]:
    """Every sentence of ``body`` with its score, in reading order.

    ``model`` defaults to the shipped model for ``language`` (``model_for``); ``threshold`` to
    ``settings.FACTCHECK_CLAIM_THRESHOLD``, or the threshold shipped with the weights when the
    setting is None or Django is not configured.
    """
    if model is None:
        model = model_for(language)
    if threshold is None:
        threshold = default_threshold(model)
    return [
        (sentence, score(sentence.text, model=model, threshold=threshold))
        for sentence in segment(body)
    ]
