from django.urls import path

from factcheck.reports import views

app_name = "reports"

urlpatterns = [
    path("articles/<int:pk>/export/<str:fmt>/", views.export_article, name="export_article"),
    path("claims/export/<str:fmt>/", views.export_claims, name="export_claims"),
    path("articles/<int:pk>/share/", views.share, name="share"),
    path("articles/<int:pk>/share/revoke/", views.revoke, name="revoke"),
    path("r/<str:token>/", views.public_report, name="public"),
    path("exports/<int:pk>/", views.export_job, name="export_job"),
    path("exports/<int:pk>/download/", views.export_job_download, name="export_job_download"),
]
