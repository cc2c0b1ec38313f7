"""Seed the default verdict scale. Admins edit it afterwards; re-running changes nothing."""

from django.db import migrations

DEFAULT_SCALE = [
    # slug, label, rating_value, is_rating, colour, description
    ("true", "True", 5, True, "#1a7f37",
     "The statement is accurate and nothing significant is missing."),
    ("mostly-true", "Mostly true", 4, True, "#4d9e3a",
     "The statement is accurate but needs clarification or additional information."),
    ("half-true", "Half true", 3, True, "#b08800",
     "The statement is partially accurate but leaves out important details or takes things "
     "out of context."),
    ("mostly-false", "Mostly false", 2, True, "#d4680b",
     "The statement contains an element of truth but ignores critical facts that would give a "
     "different impression."),
    ("false", "False", 1, True, "#b3261e", "The statement is not accurate."),
    ("misleading", "Misleading (missing context)", 2, True, "#8250df",
     "Accurate in its parts, but it leaves out context that changes what a reader would "
     "conclude."),
    ("unverifiable", "Unverifiable", None, False, "#59636e",
     "No reliable evidence could be found to confirm or refute the statement."),
    ("opinion", "Opinion (not a checkable claim)", None, False, "#8c959f",
     "The statement expresses a view or a value judgement, not a fact that can be checked."),
]


def seed(apps, schema_editor):
    Verdict = apps.get_model("claims", "Verdict")
    for order, (slug, label, rating, is_rating, colour, description) in enumerate(DEFAULT_SCALE):
        Verdict.objects.get_or_create(
            slug=slug,
            defaults={
                "label": label,
                "rating_value": rating,
                "is_rating": is_rating,
                "colour": colour,
                "description": description,
                "order": (order + 1) * 10,
            },
        )


def unseed(apps, schema_editor):
    Verdict = apps.get_model("claims", "Verdict")
    unused = Verdict.objects.filter(slug__in=[row[0] for row in DEFAULT_SCALE], final_claims=None)
    if any(field.name == "reviews" for field in Verdict._meta.get_fields()):
        unused = unused.filter(reviews=None)
    unused.delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
