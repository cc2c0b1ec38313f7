"""Webhooks in the admin: the endpoints (events as checkboxes, the secret shown once, a test
event, a new secret), and the deliveries as a log (status, answer, time; replay)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from factcheck import events
from factcheck.api.webhooks import outbox
from factcheck.api.webhooks.models import WebhookDelivery, WebhookEndpoint, new_secret


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=events.EVENTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "active", "allow_private"]


def _show_secret(modeladmin, request, endpoint):
    modeladmin.message_user(
        request,
        _(
            "The secret of %(endpoint)s is %(secret)s. Copy it into the receiver now: it is not "
            "shown again."
        )
        % {"endpoint": endpoint.url, "secret": endpoint.secret},
        messages.WARNING,
    )


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "description", "event_list", "active", "allow_private", "pending"]
    list_filter = ["active", "allow_private"]
    search_fields = ["url", "description"]
    readonly_fields = ["secret_hint", "created_by", "created_at"]
    actions = ["send_test_event", "draw_new_secret"]

    def get_queryset(self, request):
        pending = Count(
            "deliveries",
            filter=Q(
                deliveries__status__in=[
                    WebhookDelivery.Status.PENDING,
                    WebhookDelivery.Status.DELIVERING,
                ]
            ),
        )
        return super().get_queryset(request).annotate(pending_count=pending)

    @admin.display(description=_("events"))
    def event_list(self, endpoint):
        return ", ".join(endpoint.events) or "—"

    @admin.display(description=_("waiting deliveries"), ordering="pending_count")
    def pending(self, endpoint):
        return endpoint.pending_count

    @admin.display(description=_("secret"))
    def secret_hint(self, endpoint):
        return endpoint.masked_secret if endpoint.pk else _("Drawn when the endpoint is saved.")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            _show_secret(self, request, obj)

    @admin.action(description=_("Send a test event"))
    def send_test_event(self, request, queryset):
        queued = outbox.queue_test_event(list(queryset), by=request.user)
        self.message_user(
            request,
            ngettext(
                "A test event was queued for %(count)d endpoint; the delivery worker sends it.",
                "A test event was queued for %(count)d endpoints; the delivery worker sends them.",
                len(queued),
            )
            % {"count": len(queued)},
        )

    @admin.action(description=_("Draw a new secret (shown once)"))
    def draw_new_secret(self, request, queryset):
        for endpoint in queryset:
            endpoint.secret = new_secret()
            endpoint.save(update_fields=["secret"])
            _show_secret(self, request, endpoint)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "event",
        "endpoint",
        "status",
        "last_status_code",
        "last_response_ms",
        "attempts",
        "created_at",
        "next_attempt_at",
        "delivered_at",
    ]
    list_display_links = ["pk", "event"]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["event_id", "endpoint__url"]
    date_hierarchy = "created_at"
    actions = ["replay"]
    readonly_fields = [
        "endpoint",
        "event",
        "event_id",
        "occurred_at",
        "payload",
        "created_at",
        "status",
        "attempts",
        "next_attempt_at",
        "last_status_code",
        "last_response_ms",
        "last_error",
        "delivered_at",
        "requested_by",
        "replay_of",
    ]

    def has_add_permission(self, request):
        return False  # deliveries come from events, test events and replays

    def has_change_permission(self, request, obj=None):
        return False  # a log: read, replay, delete

    def has_replay_permission(self, request):
        return request.user.has_perm("webhooks.add_webhookdelivery")

    @admin.action(description=_("Replay: send the same event again"), permissions=["replay"])
    def replay(self, request, queryset):
        queued = outbox.replay(list(queryset.select_related("endpoint")), by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery was queued again.",
                "%(count)d deliveries were queued again.",
                len(queued),
            )
            % {"count": len(queued)},
        )
