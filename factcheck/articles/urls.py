from django.urls import path

from factcheck.articles import views

app_name = "articles"

urlpatterns = [
    path("articles/", views.dashboard, name="list"),
    path("articles/new/", views.article_new, name="new"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
]
