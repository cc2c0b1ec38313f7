from django.urls import path

from factcheck.reviews import claim_list, desk_views, views

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
    path("claims/", claim_list.claim_list, name="claims"),
    path("claims/bulk/", claim_list.claims_bulk, name="claims_bulk"),
    path("desk/", desk_views.dashboard, name="desk"),
    path("claims/<int:pk>/", desk_views.claim_desk, name="claim_desk"),
    path("claims/<int:pk>/assign/", desk_views.claim_assign, name="claim_assign"),
    path("claims/<int:pk>/unassign/", desk_views.claim_unassign, name="claim_unassign"),
    path("claims/<int:pk>/resolve/", desk_views.claim_resolve, name="claim_resolve"),
    path("claims/<int:pk>/publish/", desk_views.claim_publish, name="claim_publish"),
    path("claims/<int:pk>/reopen/", desk_views.claim_reopen, name="claim_reopen"),
    path("claims/<int:pk>/comments/", desk_views.comment_post, name="comment"),
    path(
        "articles/<int:article_pk>/auto-assign/", desk_views.article_auto_assign, name="auto_assign"
    ),  # fmt: skip
    path("articles/<int:article_pk>/publish/", desk_views.article_publish, name="publish_article"),
]
