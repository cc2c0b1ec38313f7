from django.urls import path

from factcheck.api import account_views

app_name = "account"

urlpatterns = [
    path("", account_views.account, name="detail"),
    path("tokens/<int:pk>/revoke/", account_views.revoke, name="revoke_token"),
]
