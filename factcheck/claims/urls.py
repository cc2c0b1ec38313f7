from django.urls import path

from factcheck.claims import views

app_name = "claims"

urlpatterns = [
    path("claims/<int:pk>/accept/", views.claim_accept, name="accept"),
    path("claims/<int:pk>/dismiss/", views.claim_dismiss, name="dismiss"),
    path("claims/<int:pk>/undo/", views.claim_undo, name="undo"),
    path("claims/<int:pk>/restate/", views.claim_restate, name="restate"),
    path("claims/<int:pk>/claimant/", views.claim_claimant, name="claimant"),
    path("claims/<int:pk>/span/", views.claim_span, name="span"),
    path("claims/<int:pk>/extend/", views.claim_extend, name="extend"),
    path("claims/<int:pk>/split/", views.claim_split, name="split"),
    path("claims/<int:pk>/merge/", views.claim_merge, name="merge"),
    path("articles/<int:article_pk>/claims/new/", views.claim_from_selection, name="new"),
    path("articles/<int:article_pk>/claims/bulk/", views.claims_bulk, name="bulk"),
    path("articles/<int:article_pk>/claims/more/", views.show_more, name="show_more"),
    path("articles/<int:article_pk>/language/", views.article_language, name="language"),
]
