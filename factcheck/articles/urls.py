from django.urls import path

from factcheck.articles import views

app_name = "articles"

# The project URLconf adds the import screen, `articles:new`, whose view is the claims app's
# (factcheck/claims/import_views.py): importing proposes claims.
urlpatterns = [
    path("articles/", views.dashboard, name="list"),
    path("articles/archived/", views.archived_list, name="archived"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("articles/<int:pk>/archive/", views.archive, name="archive"),
    path("articles/<int:pk>/restore/", views.restore, name="restore"),
]
