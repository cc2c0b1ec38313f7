"""Indexes for the editors' claims list (reviews.claim_list): one per sort order, each ending in
the primary key (or unique, for the article order), so the first page of 100,000 claims is an
index walk, not a sort.

What depends on the database is created here rather than declared on the model:

- the score order counts claims without a score as the lowest (ASC NULLS FIRST, DESC NULLS LAST).
  SQLite sorts NULLs that way natively, so a plain index serves it; PostgreSQL sorts them the
  other way by default, so its index is declared NULLS FIRST.
- full-text search, PostgreSQL only: a stored generated column `search_vector`, the tsvector of
  text, normalized and rationale ("english" configuration; claim_list.SEARCH_CONFIG and
  SEARCH_FIELDS must stay in step), with a GIN index. The model does not know the column, so
  Django never reads or writes it; PostgreSQL keeps it up to date. Stored rather than computed
  in the query, because the planner, walking a sort order's index, would compute to_tsvector()
  on every row it passes (80 ms for a common word at 100,000 claims against 8 ms).
  A later migration that drops one of those three columns, or changes its type, must drop
  the generated column first (or rebuild it).
"""

from django.db import migrations, models

SCORE_INDEX = "claim_score_sort_idx"
SEARCH_VECTOR = """
    ALTER TABLE claims_claim ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig,
            COALESCE(text, '') || ' ' || COALESCE(normalized, '') || ' ' || COALESCE(rationale, ''))
    ) STORED;
    CREATE INDEX claim_search_idx ON claims_claim USING gin (search_vector);
"""
DROP_SEARCH_VECTOR = """
    DROP INDEX IF EXISTS claim_search_idx;
    ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_vector;
"""


def score_index(vendor):
    if vendor == "postgresql":
        return models.Index(
            models.F("checkworthiness").asc(nulls_first=True), models.F("id"), name=SCORE_INDEX
        )
    return models.Index(fields=["checkworthiness", "id"], name=SCORE_INDEX)


def create(apps, schema_editor):
    claim = apps.get_model("claims", "Claim")
    vendor = schema_editor.connection.vendor
    schema_editor.add_index(claim, score_index(vendor))
    if vendor == "postgresql":
        schema_editor.execute(SEARCH_VECTOR)


def drop(apps, schema_editor):
    claim = apps.get_model("claims", "Claim")
    vendor = schema_editor.connection.vendor
    schema_editor.remove_index(claim, score_index(vendor))
    if vendor == "postgresql":
        schema_editor.execute(DROP_SEARCH_VECTOR)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_default_verdict_scale"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
