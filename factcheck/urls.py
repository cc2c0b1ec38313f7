from django.contrib import admin
from django.urls import include, path

from factcheck import views

urlpatterns = [
    path("", views.home, name="dashboard"),
    path("", include("factcheck.articles.urls")),
    path("", include("factcheck.claims.urls")),
    path("", include("factcheck.reviews.urls")),
    path("", include("factcheck.reports.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]

handler403 = "factcheck.views.permission_denied"
handler404 = "factcheck.views.page_not_found"
handler500 = "factcheck.views.server_error"
