"""Signals sent by the articles app, so apps to its right can react without it importing them."""

from django.dispatch import Signal

# Sent inside the import's transaction, after a new article is saved: kwargs `article`, `by`.
# The claims app proposes the article's claims on it, so a failure there rolls the import back.
article_imported = Signal()
