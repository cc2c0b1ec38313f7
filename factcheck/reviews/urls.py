from django.urls import path

from factcheck.reviews import views

app_name = "reviews"

urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("review/<int:claim_pk>/", views.workspace, name="workspace"),
    path("review/<int:claim_pk>/draft/", views.save_draft, name="draft"),
    path("review/<int:claim_pk>/submit/", views.submit, name="submit"),
    path("review/<int:claim_pk>/reopen/", views.reopen, name="reopen"),
    path("review/<int:claim_pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("review/<int:claim_pk>/figures/", views.figure, name="figure"),
    path("evidence/<int:pk>/", views.evidence_edit, name="evidence_edit"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path("sources/search/", views.source_search, name="source_search"),
]
