"""Reports: every export format behind one registry (registry.py), the annotated report,
public share links, and importing an exported JSON back.

May import: accounts, articles, claims, reviews.
"""
