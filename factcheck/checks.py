"""The project's own system checks (`manage.py check`)."""

import sys

from django.core import checks

# The first 3.11 release with the fix of CVE-2024-4032: before it, `ipaddress` calls some
# private and reserved ranges public, and the URL importer's refusal of private addresses
# (factcheck/articles/fetch.py) relies on those answers.
MINIMUM_PYTHON = (3, 11, 10)


@checks.register(checks.Tags.security, deploy=True)
def check_python_version(app_configs=None, version_info=None, **kwargs):
    version = tuple((version_info or sys.version_info)[:3])
    if version >= MINIMUM_PYTHON:
        return []
    running = ".".join(map(str, version))
    wanted = ".".join(map(str, MINIMUM_PYTHON))
    return [
        checks.Warning(
            f"Python {running} predates the ipaddress fixes of CVE-2024-4032, on which the "
            "URL importer's refusal of private addresses relies.",
            hint=f"Run the application on Python {wanted} or later.",
            id="factcheck.W001",
        )
    ]
