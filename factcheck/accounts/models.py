from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserQuerySet(models.QuerySet):
    def reviewers(self):
        return self.filter(is_active=True, role=User.Role.REVIEWER)

    def editors(self):
        return self.filter(is_active=True, role=User.Role.EDITOR)


class AccountManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person using the workbench. Staff users are admins whatever their role."""

    class Role(models.TextChoices):
        REVIEWER = "reviewer", _("Reviewer")
        EDITOR = "editor", _("Editor")

    role = models.CharField(
        _("role"),
        max_length=16,
        choices=Role.choices,
        default=Role.REVIEWER,
        help_text=_("Reviewers check the claims assigned to them; editors run the desk."),
    )

    objects = AccountManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["reviewer", "editor"]), name="user_role_valid"
            )
        ]

    @property
    def is_admin(self):
        return self.is_active and self.is_staff

    @property
    def is_editor(self):
        """Editors and admins may run the desk: import, accept, assign, resolve, publish."""
        return self.is_active and (self.role == self.Role.EDITOR or self.is_staff)

    @property
    def is_reviewer(self):
        return self.is_active and self.role == self.Role.REVIEWER

    @property
    def display_name(self):
        return self.get_full_name() or self.username
