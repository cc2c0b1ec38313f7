from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "factcheck.claims"

    def ready(self):
        from factcheck.articles.signals import article_imported

        article_imported.connect(_propose_on_import, dispatch_uid="claims.propose_on_import")


def _propose_on_import(sender, article, **kwargs):
    from factcheck.claims.proposals import propose_claims

    return propose_claims(article)
