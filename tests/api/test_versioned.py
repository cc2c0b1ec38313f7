"""VersionedWrite: a write names the version it started from (If-Match or a `version` field),
a stale one gets 412 or 409 with the object as it is now, and none gets 428. Exercised through a
viewset built here around a real versioned domain function (the library's reliability note)."""

import pytest
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.test import APIRequestFactory, force_authenticate

from factcheck.api.sources import SourceSerializer
from factcheck.api.versioned import VersionedWrite
from factcheck.reviews import library
from factcheck.reviews.models import Source
from tests.factories import SourceFactory


class NoteViewSet(VersionedWrite, viewsets.GenericViewSet):
    serializer_class = SourceSerializer
    queryset = Source.objects.all()

    @action(detail=True, methods=["post"])
    def note(self, request, pk=None):
        source = self.get_object()
        return self.versioned_write(
            request,
            lambda version: library.set_reliability_note(
                source, by=request.user, note=request.data.get("note", ""), expected_version=version
            ),
        )


def post(user, source, body, **headers):
    request = APIRequestFactory().post(
        f"/sources/{source.pk}/note/", body, format="json", **headers
    )
    force_authenticate(request, user=user)
    return NoteViewSet.as_view({"post": "note"})(request, pk=source.pk)


@pytest.mark.django_db
def test_if_match_with_the_current_version_writes_and_answers_the_new_etag(editor):
    source = SourceFactory()
    response = post(editor, source, {"note": "Reliable"}, HTTP_IF_MATCH=f'"{source.version}"')
    assert response.status_code == 200
    assert response.data["reliability_note"] == "Reliable"
    assert response["ETag"] == f'"{source.version + 1}"'


@pytest.mark.django_db
def test_a_stale_if_match_is_412_with_the_current_object_and_writes_nothing(editor):
    source = SourceFactory()
    library.set_reliability_note(source, by=editor, note="First", expected_version=source.version)
    response = post(editor, source, {"note": "Second"}, HTTP_IF_MATCH=f'W/"{source.version}"')
    assert response.status_code == 412
    assert response.data["current"]["reliability_note"] == "First"
    assert response["ETag"] == f'"{source.version + 1}"'
    assert Source.objects.get(pk=source.pk).reliability_note == "First"


@pytest.mark.django_db
def test_a_stale_version_field_is_409(editor):
    source = SourceFactory()
    library.set_reliability_note(source, by=editor, note="First", expected_version=source.version)
    response = post(editor, source, {"note": "Second", "version": source.version})
    assert response.status_code == 409
    assert "changed by someone else" in response.data["detail"]


@pytest.mark.django_db
def test_a_write_without_a_version_is_428_and_a_bad_one_400(editor):
    source = SourceFactory()
    assert post(editor, source, {"note": "x"}).status_code == 428
    assert post(editor, source, {"note": "x"}, HTTP_IF_MATCH='"three"').status_code == 400
    assert post(editor, source, {"note": "x", "version": -1}).status_code == 400
    assert Source.objects.get(pk=source.pk).reliability_note == ""


@pytest.mark.django_db
def test_the_domain_functions_refusals_keep_their_meaning(reviewer, editor):
    source = SourceFactory()
    refused = post(reviewer, source, {"note": "x"}, HTTP_IF_MATCH=f'"{source.version}"')
    assert refused.status_code == 403
    too_long = post(editor, source, {"note": "x" * 3000}, HTTP_IF_MATCH=f'"{source.version}"')
    assert too_long.status_code == 400
    assert "under 2000 characters" in too_long.data["detail"]
    assert too_long.data["errors"] == {"non_field_errors": [too_long.data["detail"]]}
