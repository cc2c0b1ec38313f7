from django.contrib import admin
from django.urls import include, path

from factcheck import views
from factcheck.articles import views as article_views

urlpatterns = [
    path("", article_views.dashboard, name="dashboard"),
    path("", include("factcheck.articles.urls")),
    path("", include("factcheck.claims.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]

handler403 = "factcheck.views.permission_denied"
handler404 = "factcheck.views.page_not_found"
handler500 = "factcheck.views.server_error"
