"""A scoring model with fixed, known scores, so that tests of the proposal budget do not depend
on the shipped model's numbers: a sentence's score is set by the one marker word it holds."""

from factcheck.claims.extraction import Model

# Marker word -> the score of a sentence holding it (the model's sigmoid of bias + weight).
STRONG, MEDIUM, WEAK, NONE = "strongly", "mediumly", "weakly", "plainly"


def fixed_model(version="fixed-1"):
    """Scores: about 0.92 with "strongly", 0.62 "mediumly", 0.38 "weakly", 0.03 otherwise."""
    ngrams = {STRONG: 6.0, MEDIUM: 4.0, WEAK: 3.0}
    return Model(bias=-3.5, weights={}, threshold=0.5, ngrams=ngrams, version=version)


def body_of(*markers):
    """An article body of one sentence per marker, numbered in reading order."""
    return " ".join(f"Sentence {n} reads {marker}." for n, marker in enumerate(markers))
