from axes.utils import reset as reset_failed_logins
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from factcheck.accounts.invitations import send_set_password_email
from factcheck.accounts.models import User


class UserCreationForm(forms.ModelForm):
    """Create a user without a password: they choose one through the e-mailed link."""

    class Meta:
        model = User
        fields = ["username", "email", "first_name", "last_name", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _("A link to set a password is sent to this address.")

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "first_name", "last_name", "role"),
            },
        ),
    )
    fieldsets = (
        (None, {"fields": ("username", "password", "role")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ["username", "email", "first_name", "last_name", "role", "is_staff", "is_active"]
    list_filter = ["role", "is_staff", "is_active", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "email"]
    actions = ["send_set_password_links", "unlock_logins"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and self._invite(request, obj):
            self.message_user(
                request, _("A link to set a password was sent to %s.") % obj.email, messages.SUCCESS
            )

    @admin.action(description=_("Send a link to set a password"))
    def send_set_password_links(self, request, queryset):
        sent = sum(1 for user in queryset.filter(is_active=True) if self._invite(request, user))
        self.message_user(
            request,
            ngettext("Sent %d link.", "Sent %d links.", sent) % sent,
            messages.SUCCESS if sent else messages.WARNING,
        )

    @admin.action(description=_("Unlock logins locked after failed attempts"))
    def unlock_logins(self, request, queryset):
        """Forget the failed logins under these user names. An address locked out on its own
        is unlocked by deleting its row under Axes > Access attempts."""
        for username in queryset.values_list("username", flat=True):
            reset_failed_logins(username=username)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("Unlocked %d user.", "Unlocked %d users.", count) % count,
            messages.SUCCESS,
        )

    @staticmethod
    def _invite(request, user):
        return send_set_password_email(
            user, domain=request.get_host(), use_https=request.is_secure()
        )
