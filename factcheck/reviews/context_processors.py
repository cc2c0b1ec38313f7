"""Template context shared by every page."""

from django.utils.functional import SimpleLazyObject

from factcheck.reviews.notifications import unseen_assignments


def assignments(request):
    """`new_assignments`: how many claims were assigned to the reviewer since they last
    opened their queue. Lazy: the count is queried only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_reviewer:
        return {}
    return {"new_assignments": SimpleLazyObject(lambda: unseen_assignments(user))}
