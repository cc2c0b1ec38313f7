"""Give each verdict a stored shortcut key, so the workspace's keys no longer follow positions:
a verdict added to the scale later does not renumber the others.

The verdicts get the keys reviewers pressed until now, 1 to 9 in the scale's order (the default
scale: True 1 ... Opinion 8). Re-running gives keys only to verdicts without one, with keys
still free, so it changes nothing once done.
"""

from django.db import migrations, models

import factcheck.claims.models

DIGITS = "123456789"


def seed_shortcuts(apps, schema_editor):
    Verdict = apps.get_model("claims", "Verdict")
    taken = set(Verdict.objects.exclude(shortcut=None).values_list("shortcut", flat=True))
    free = [digit for digit in DIGITS if digit not in taken]
    for verdict, key in zip(
        Verdict.objects.filter(shortcut=None).order_by("order", "slug"), free, strict=False
    ):
        verdict.shortcut = key
        verdict.save(update_fields=["shortcut"])


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_claims_list_indexes")]

    operations = [
        migrations.AddField(
            model_name="verdict",
            name="shortcut",
            field=models.CharField(
                blank=True,
                help_text=(
                    "The key a reviewer presses to choose this verdict: 1-9 or a letter other "
                    "than j, k, e and s. It stays with the verdict when the scale is reordered; "
                    "empty for none."
                ),
                max_length=1,
                null=True,
                unique=True,
                validators=[factcheck.claims.models.validate_shortcut],
                verbose_name="shortcut key",
            ),
        ),
        migrations.RunPython(seed_shortcuts, migrations.RunPython.noop),
    ]
