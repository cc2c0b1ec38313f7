from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    """The project package as an app: it holds commands that compose every app (`demo`),
    at the top of the dependency chain accounts <- articles <- claims <- reviews <- reports,
    and the project's own system checks."""

    name = "factcheck"
    verbose_name = "Factcheck workbench"

    def ready(self):
        from factcheck import checks  # noqa: F401 - registers the checks
