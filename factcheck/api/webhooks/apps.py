from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "factcheck.api.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from factcheck import events
        from factcheck.api.webhooks import outbox

        events.domain_event.connect(outbox.enqueue_event, dispatch_uid="webhooks.outbox")
