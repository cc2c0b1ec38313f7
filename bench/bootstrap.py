"""What every benchmark does first.

Importing this module makes the project importable however the script is started
(``.venv/bin/python bench/NAME.py`` puts bench/, not the project, on sys.path). The benchmarks
that need Django then call ``setup()`` before they import models::

    import bootstrap

    DATABASE = bootstrap.setup("import-bench")

    from factcheck.articles.models import Article  # noqa: E402
"""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup(name, *, database=None, database_url=False, migrate=True, test_client=False):
    """Configure Django for the benchmark `name` and set it up.

    The database is the SQLite file `database` when given; otherwise, with `database_url`, the
    one DATABASE_URL names if it is set (used as it is, so point it at a scratch database);
    otherwise a fresh SQLite file in a temporary folder, removed when the program ends.
    `migrate` creates the tables. `test_client` adjusts the settings for Django's test client:
    its host name, fast password hashing, static files without a collectstatic manifest.

    Returns the SQLite file in use, or None when DATABASE_URL chose the database.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault(
        "DJANGO_SECRET_KEY", "benchmark-only-key-never-used-elsewhere-0123456789-abcdefghijkl"
    )
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    if database is None and not (database_url and "DATABASE_URL" in os.environ):
        folder = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        database = folder / f"{name}.sqlite3"
    if database is not None:
        database = Path(database)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"

    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    if test_client:
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["testserver"]
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    return database
