import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from factcheck import events

SECRET_PREFIX = "whsec_"
TEST_EVENT = "webhook.test"  # sent by the admin's "Send a test event", to one endpoint only


def new_secret():
    return SECRET_PREFIX + secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """An address of another system that wants to hear about some events, signed with `secret`.

    The secret is stored as it is (not hashed): each delivery is signed with it. The admin shows
    it once, when the endpoint is created or its secret is drawn again."""

    url = models.URLField(
        _("URL"), max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    secret = models.CharField(_("secret"), max_length=100, default=new_secret, editable=False)
    events = models.JSONField(_("events"), default=list, blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Off: no new deliveries are queued, and those queued wait until it is on."),
    )
    allow_private = models.BooleanField(
        _("allow a private address"),
        default=False,
        help_text=_(
            "Deliver even when the address is not public (loopback, private network), for a "
            "receiver inside your own network."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="webhook_endpoints",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["url", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.description or self.url

    def clean(self):
        super().clean()
        unknown = sorted(set(self.events or []) - events.NAMES)
        if not isinstance(self.events, list) or unknown:
            raise ValidationError({"events": _("Unknown events: %s") % ", ".join(unknown)})

    def listens_to(self, name):
        return name in self.events

    @property
    def masked_secret(self):
        return f"{self.secret[: len(SECRET_PREFIX) + 4]}…{self.secret[-4:]}"


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, now):
        """Deliveries to active endpoints to send now: pending ones whose time has come, and
        those a worker took but never finished (it stopped mid-way) once their lease ran out."""
        S = WebhookDelivery.Status
        return self.filter(
            status__in=[S.PENDING, S.DELIVERING],
            next_attempt_at__lte=now,
            endpoint__active=True,
        ).order_by("next_attempt_at", "pk")


class WebhookDelivery(models.Model):
    """One event to send to one endpoint: the outbox row the worker (deliver_webhooks) sends,
    retrying with back-off, and the log of how that went.

    `event_id` and `occurred_at` name the event and its time, the same for every endpoint and for
    replays (receivers can skip an event they already have); the delivery's own id and
    `created_at` are this delivery's."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERING = "delivering", _("delivering")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event = models.CharField(_("event"), max_length=50)
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4)
    payload = models.JSONField(_("payload"), default=dict)
    occurred_at = models.DateTimeField(_("event time"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # When to try next; while delivering, when a worker that stopped mid-way is given up on.
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(
        _("last status code"), null=True, blank=True
    )
    last_response_ms = models.PositiveIntegerField(_("last response (ms)"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
        help_text=_("Who sent a test event or asked for a replay; empty for an event's own."),
    )
    replay_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replays",
        verbose_name=_("replay of"),
    )

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due_idx")]

    def __str__(self):
        return f"{self.event} → {self.endpoint} (#{self.pk})"

    @property
    def is_settled(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
