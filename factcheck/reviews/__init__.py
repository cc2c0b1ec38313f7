"""Reviews: assignments, reviews, sources and evidence, discussion; who may see what (blind
review, visibility.py), every move of the review workflow (workflow.py, assignments.py), the
reviewer's and the editors' screens (views/), and the claims list.

May import: accounts, articles, claims.
"""
