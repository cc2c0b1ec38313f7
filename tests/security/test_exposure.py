"""What a role may take away with it: exports in published scope carry only what the public
report shows."""

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "reviews-csv"])
def test_a_reviewers_published_export_names_no_reviewer_and_no_internal_rationale(
    world, settings, fmt
):
    settings.FACTCHECK_REVIEWERS_MAY_EXPORT = True
    settings.FACTCHECK_REPORT_CREDITS_REVIEWERS = False
    client = Client()
    client.force_login(world["unassigned"])
    url = reverse("reports:export_article", args=[world.published.article_id, fmt])
    response = client.get(url, {"scope": "published"})
    assert response.status_code == 200
    content = b"".join(response).decode()
    assert world.published.text in content  # the published claim is there
    assert "otto" not in content  # its reviewer, who is not credited
    assert "otto finds it true." not in content  # the reviewer's internal rationale
    # The same export in full scope, for an editor, has both: the published scope left them out.
    client.force_login(world["editor"])
    full = b"".join(client.get(url, {"scope": "all"})).decode()
    assert "otto" in full
    assert "otto finds it true." in full
