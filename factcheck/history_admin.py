"""The admin of models with a history (django-simple-history), shared by the apps' admins."""

from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin, except that the history page of an id that cannot be one (a typo,
    `/admin/claims/claim/x/history/`) is "not found" rather than a server error: the library
    filters on the id without checking it."""

    def history_view(self, request, object_id, extra_context=None):
        try:
            self.model._meta.pk.to_python(object_id)
        except ValidationError:
            raise Http404 from None
        return super().history_view(request, object_id, extra_context=extra_context)
