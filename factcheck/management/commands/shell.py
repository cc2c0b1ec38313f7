"""Django's shell, without the history models in its automatic imports.

Django 5.2's shell imports every model by the path `model.__module__ + "." + model.__name__`.
django-simple-history gives each Historical* model the app's package as `__module__`
(`factcheck.claims`) but puts the class in the models module (`factcheck.claims.models`), so
that path does not import and the shell starts with "6 objects could not be automatically
imported" (django-simple-history issues #343 and #1479). They are left out: a claim's history is
`Claim.history` (or `claim.history`), as everywhere else.
"""

from django.apps import apps
from django.core.management.commands import shell
from simple_history.models import HistoricalChanges


class Command(shell.Command):
    def get_auto_imports(self):
        history = {
            f"{model.__module__}.{model.__name__}"
            for model in apps.get_models()
            if issubclass(model, HistoricalChanges)
        }
        return [path for path in super().get_auto_imports() if path not in history]
