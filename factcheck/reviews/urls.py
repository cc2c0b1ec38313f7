from django.urls import path

from factcheck.reviews.views import claim_list, desk, queue, sources, workspace

app_name = "reviews"

urlpatterns = [
    path("queue/", queue.queue, name="queue"),
    path("review/<int:claim_pk>/", workspace.workspace, name="workspace"),
    path("review/<int:claim_pk>/draft/", workspace.save_draft, name="draft"),
    path("review/<int:claim_pk>/submit/", workspace.submit, name="submit"),
    path("review/<int:claim_pk>/reopen/", workspace.reopen, name="reopen"),
    path("review/<int:claim_pk>/evidence/", workspace.evidence_add, name="evidence_add"),
    path("review/<int:claim_pk>/figures/", workspace.figure, name="figure"),
    path("review/<int:claim_pk>/same-as/", workspace.link_same, name="link_same"),
    path("review/<int:claim_pk>/same-as/remove/", workspace.unlink_same, name="unlink_same"),
    path("review/<int:claim_pk>/copy-check/", workspace.copy_check, name="copy_check"),
    path("evidence/<int:pk>/", workspace.evidence_edit, name="evidence_edit"),
    path("evidence/<int:pk>/remove/", workspace.evidence_remove, name="evidence_remove"),
    path("sources/search/", workspace.source_search, name="source_search"),
    path("sources/", sources.source_list, name="sources"),
    path("sources/<int:pk>/", sources.source_detail, name="source"),
    path("sources/<int:pk>/note/", sources.source_note, name="source_note"),
    path("sources/<int:pk>/merge/", sources.source_merge, name="source_merge"),
    path("claims/", claim_list.claim_list, name="claims"),
    path("claims/bulk/", claim_list.claims_bulk, name="claims_bulk"),
    path("desk/", desk.dashboard, name="desk"),
    path("claims/<int:pk>/", desk.claim_desk, name="claim_desk"),
    path("claims/<int:pk>/assign/", desk.claim_assign, name="claim_assign"),
    path("claims/<int:pk>/unassign/", desk.claim_unassign, name="claim_unassign"),
    path("claims/<int:pk>/resolve/", desk.claim_resolve, name="claim_resolve"),
    path("claims/<int:pk>/publish/", desk.claim_publish, name="claim_publish"),
    path("claims/<int:pk>/reopen/", desk.claim_reopen, name="claim_reopen"),
    path("claims/<int:pk>/comments/", desk.comment_post, name="comment"),
    path("articles/<int:article_pk>/auto-assign/", desk.article_auto_assign, name="auto_assign"),
    path("articles/<int:article_pk>/publish/", desk.article_publish, name="publish_article"),
]
