"""Claims: the Claim model anchored in its article's text, the verdict scale, extraction and
scoring of check-worthy sentences (extraction/), proposals, the editor's claim tools
(editing.py) and the status table (status.py).

May import: accounts, articles.
"""
