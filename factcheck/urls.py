from django.contrib import admin
from django.urls import include, path

from factcheck import views
from factcheck.articles import urls as article_urls
from factcheck.claims import import_views

# The `articles` namespace: the articles app's pages, and the import screen, whose view is the
# claims app's because importing proposes claims (see factcheck/claims/import_views.py).
article_patterns = [
    *article_urls.urlpatterns,
    path("articles/new/", import_views.article_new, name="new"),
]

urlpatterns = [
    path("", views.home, name="dashboard"),
    path("", include((article_patterns, article_urls.app_name))),
    path("", include("factcheck.claims.urls")),
    path("", include("factcheck.reviews.urls")),
    path("", include("factcheck.reports.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("api/", include("factcheck.api.urls")),
    path("account/", include("factcheck.api.account_urls")),
]

handler403 = "factcheck.views.permission_denied"
handler404 = "factcheck.views.page_not_found"
handler500 = "factcheck.views.server_error"
