#!/usr/bin/env python
"""Django's command-line utility for the factcheck workbench."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Read the settings first: Django keeps their error to itself for the commands that can
        # run without them (shell, help), which would then start without the project's apps.
        settings.INSTALLED_APPS  # noqa: B018
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A configuration mistake deserves one clear line, not a traceback.
        sys.exit(f"error: {exc}")


if __name__ == "__main__":
    main()
