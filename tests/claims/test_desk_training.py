"""Learning from the desk (claims.scorers), end to end on a small desk: editors accept and dismiss
claims through claims.editing, the scorer is retrained on a small lab-like file plus those
decisions, activated, and rolled back; by the command and by the admin's buttons (only for
admins with the permissions, only by POST with a CSRF token)."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from factcheck.accounts.models import User
from factcheck.claims import editing, extraction, scorers, training
from factcheck.claims.models import Claim, ScorerActivation, ScorerVersion
from factcheck.claims.proposals import create_claim
from tests.claims.test_training import CLAIMS, OPINIONS, synthetic_rows, tsv
from tests.conftest import login
from tests.factories import ArticleFactory, UserFactory, claim_in_status

# What this desk accepts: council decisions, stated plainly, no figure (so no figure floor).
ACCEPTED = [
    f"The city council approved the {thing} budget without a public vote."
    for thing in (
        "library",
        "stadium",
        "tram",
        "school",
        "museum",
        "hospital",
        "airport",
        "market",
        "theatre",
        "police",
        "harbour",
        "water",
    )
]
# What it dismisses as opinion: the mayor's boasts, which the shipped model rates highly (an
# attribution, a superlative, words of the debates' claims).
DISMISSED = [
    f"The mayor said this is the greatest {thing} plan ever passed in the state."
    for thing in (
        "park",
        "housing",
        "river",
        "garden",
        "parking",
        "beach",
        "street",
        "festival",
        "energy",
        "bridge",
        "forest",
        "transport",
    )
]
# Both are scored between 0.4 and 0.9 by the shipped model: room to move either way.
UNSEEN_ACCEPTED_LIKE = "The city council approved the cemetery budget without a public vote."
UNSEEN_DISMISSED_LIKE = "The mayor said this is the greatest harbour plan ever passed in the state."


@pytest.fixture
def lab_data(tmp_path, settings):
    """A small file in the lab's format, set as FACTCHECK_CHECKWORTHINESS_DATA."""
    train = synthetic_rows(CLAIMS, True, 1) + synthetic_rows(OPINIONS, False, 100)
    dev = [
        (500, "Taxes went up 30 percent in 1990.", True),
        (501, "We spent $2 billion on roads.", True),
        (502, "I think that is wrong.", False),
        (503, "Thank you, and good night.", False),
    ]
    (tmp_path / training.TRAIN_FILE).write_text(tsv(train), encoding="utf-8")
    (tmp_path / training.DEV_FILE).write_text(tsv(dev), encoding="utf-8")
    settings.FACTCHECK_CHECKWORTHINESS_DATA = tmp_path
    settings.FACTCHECK_DESK_MIN_LABELS = 10
    settings.FACTCHECK_DESK_LABEL_WEIGHT = 5
    return tmp_path


def suggested_claims(texts, *, language="en"):
    """An article made of `texts` (one paragraph each), each proposed as a suggested claim."""
    article = ArticleFactory(body="\n\n".join(texts), language=language)
    claims = []
    for sentence in extraction.segment(article.body):
        claims.append(
            create_claim(
                article,
                sentence.start,
                sentence.end,
                origin=Claim.Origin.SUGGESTED,
                status=Claim.Status.SUGGESTED,
            )
        )
    return claims


def decide(claims, *, by, accept=(), dismiss=(), reason="opinion"):
    """Accept the claims whose text is in `accept`, dismiss (with `reason`) those in `dismiss`."""
    for claim in claims:
        if claim.text in accept:
            editing.accept(claim, by=by)
        elif claim.text in dismiss:
            editing.dismiss(claim, by=by, reason=reason)


@pytest.fixture
def desk(editor):
    claims = suggested_claims(ACCEPTED + DISMISSED)
    decide(claims, by=editor, accept=ACCEPTED, dismiss=DISMISSED)
    return claims


def checkworthiness(text, model):
    return extraction.score(text, model=model).checkworthiness


def run(*args):
    out = io.StringIO()
    call_command("train_checkworthiness", *args, stdout=out)
    return out.getvalue()


# What counts as a label.


@pytest.mark.parametrize(
    "status",
    [
        Claim.Status.OPEN,
        Claim.Status.IN_REVIEW,
        Claim.Status.DISPUTED,
        Claim.Status.RESOLVED,
        Claim.Status.PUBLISHED,
    ],
)
def test_every_accepted_claim_is_a_check_worthy_label(status, editor, reviewer, other_reviewer):
    claim = claim_in_status(status, editor=editor, reviewers=[reviewer, other_reviewer])
    assert claim.status == status
    assert scorers.desk_labels() == [scorers.DeskLabel(claim.pk, claim.text, True)]
    assert scorers.label_counts() == {"yes": 1, "no": 0}


@pytest.mark.parametrize(
    ("reason", "label"),
    [
        ("not check-worthy", False),
        ("opinion", False),
        ("opinion: the columnist's view", False),
        ("Opinion", False),
        ("not a claim", False),
        ("boilerplate", False),
        ("duplicate", None),
        ("duplicate: see the claim above", None),
        ("the reporter already corrected it", None),
        ("opinionated", None),
    ],
)
def test_the_dismissal_reason_decides_whether_a_dismissed_claim_is_a_label(reason, label, editor):
    claim = suggested_claims([ACCEPTED[0]])[0]
    editing.dismiss(claim, by=editor, reason=reason)
    expected = [] if label is None else [scorers.DeskLabel(claim.pk, claim.text, label)]
    assert scorers.desk_labels() == expected
    assert scorers.label_counts() == {"yes": 0, "no": len(expected)}


def test_desk_labels_are_the_decided_claims_of_english_articles(editor):
    claims = suggested_claims(ACCEPTED[:3] + DISMISSED[:3])
    decide(claims, by=editor, accept=ACCEPTED[:2], dismiss=DISMISSED[:2])
    editing.dismiss(claims[5], by=editor, reason="duplicate")
    by_hand = "The mayor signed the tram contract."
    manual = create_claim(ArticleFactory(body=by_hand, language="en"), 0, len(by_hand), by=editor)
    chinese = suggested_claims(["市议会批准了图书馆预算。"], language="zh")
    editing.accept(chinese[0], by=editor)

    labels = {label.text: label.label for label in scorers.desk_labels()}

    assert labels == {
        ACCEPTED[0]: True,
        ACCEPTED[1]: True,
        DISMISSED[0]: False,
        DISMISSED[1]: False,
        manual.text: True,
    }
    assert claims[2].article.claims.filter(status=Claim.Status.SUGGESTED).count() == 1


def test_the_held_back_part_is_about_a_fifth_and_the_same_every_time():
    held = [scorers.DeskLabel(pk, "", True).held_back for pk in range(1, 2001)]
    assert 0.17 < sum(held) / len(held) < 0.23
    assert held == [scorers.DeskLabel(pk, "", True).held_back for pk in range(1, 2001)]


# Retraining, activating, rolling back.


def test_retraining_from_the_desk_moves_similar_unseen_sentences_the_right_way_and_rolls_back(
    desk, lab_data, admin_user
):
    shipped = scorers.active_model("en")
    before = [
        checkworthiness(text, shipped) for text in (UNSEEN_ACCEPTED_LIKE, UNSEEN_DISMISSED_LIKE)
    ]

    version = scorers.retrain_from_desk(by=admin_user)

    # Stored, not active: claims are still proposed with the shipped model.
    assert scorers.active_model("en") == shipped
    assert version.created_by == admin_user
    assert version.parent is None
    trained, held = version.labels["trained"], version.labels["held_back"]
    assert trained["yes"] + held["yes"] == len(ACCEPTED)
    assert trained["no"] + held["no"] == len(DISMISSED)
    held_back = [label for label in scorers.desk_labels() if label.held_back]
    assert version.metrics["before"]["decisions"] == len(held_back) == held["yes"] + held["no"]
    assert set(version.metrics["after"]) == {"precision", "recall", "f1", "decisions"}

    scorers.activate(version, by=admin_user)
    learnt = scorers.active_model("en")
    after = [
        checkworthiness(text, learnt) for text in (UNSEEN_ACCEPTED_LIKE, UNSEEN_DISMISSED_LIKE)
    ]
    assert after[0] > before[0] + 0.1
    assert after[1] < before[1] - 0.1
    assert extraction.score(UNSEEN_ACCEPTED_LIKE, model=learnt).checkworthy

    scorers.activate(None, by=admin_user)
    rolled_back = scorers.active_model("en")
    assert [
        checkworthiness(t, rolled_back) for t in (UNSEEN_ACCEPTED_LIKE, UNSEEN_DISMISSED_LIKE)
    ] == before
    assert ScorerVersion.objects.count() == 1  # kept, to be activated again
    assert list(ScorerActivation.objects.values_list("version", "activated_by")) == [
        (None, admin_user.pk),
        (version.pk, admin_user.pk),
    ]


def test_a_retrained_version_records_the_one_active_when_it_was_trained(desk, lab_data, editor):
    first = scorers.retrain_from_desk(by=None)
    scorers.activate(first, by=None)
    second = scorers.retrain_from_desk(by=None)
    assert second.parent == first
    # The "before" metrics are the active version's, not the shipped model's.
    assert second.metrics["before"] == first.metrics["after"]


def test_rolling_back_to_an_older_version_brings_back_its_scores(desk, lab_data, editor):
    first = scorers.retrain_from_desk(by=None)
    scorers.activate(first, by=None)
    first_model = scorers.active_model("en")
    first_score = checkworthiness(UNSEEN_DISMISSED_LIKE, first_model)
    more = [
        f"The mayor said this is the greatest {x} plan ever passed in the state."
        for x in ("lake", "zoo")
    ]
    decide(suggested_claims(more), by=editor, dismiss=more)
    second = scorers.retrain_from_desk(by=None)
    scorers.activate(second, by=None)
    # On a toy training file the scores saturate, so compare the weights rather than a score.
    assert scorers.active_model("en").version == second.version != first.version
    assert scorers.active_model("en").ngrams != first_model.ngrams

    scorers.activate(first, by=None)
    assert scorers.active_model("en") == first_model
    assert checkworthiness(UNSEEN_DISMISSED_LIKE, scorers.active_model("en")) == first_score


def test_too_few_labels_are_refused_with_the_counts_and_nothing_is_stored(
    editor, lab_data, settings
):
    claims = suggested_claims(ACCEPTED[:4] + DISMISSED[:3])
    decide(claims, by=editor, accept=ACCEPTED[:4], dismiss=DISMISSED[:3])
    settings.FACTCHECK_DESK_MIN_LABELS = 8
    with pytest.raises(scorers.CannotRetrain) as refusal:
        scorers.retrain_from_desk(by=editor)
    assert str(refusal.value).startswith(
        "The desk has 7 decisions to learn from (4 accepted, 3 dismissed as not worth checking); "
        "retraining needs at least 8"
    )
    assert not ScorerVersion.objects.exists()


def test_labels_of_one_class_only_are_refused_however_many(editor, lab_data):
    claims = suggested_claims(ACCEPTED)
    decide(claims, by=editor, accept=ACCEPTED)
    with pytest.raises(scorers.CannotRetrain, match="12 accepted, 0 dismissed"):
        scorers.retrain_from_desk(by=editor)
    assert not ScorerVersion.objects.exists()


def test_missing_lab_data_is_refused_with_the_setting_to_fix(desk, settings, tmp_path):
    settings.FACTCHECK_DESK_MIN_LABELS = 10
    settings.FACTCHECK_CHECKWORTHINESS_DATA = tmp_path / "nowhere"
    with pytest.raises(scorers.CannotRetrain, match="set FACTCHECK_CHECKWORTHINESS_DATA"):
        scorers.retrain_from_desk(by=None)
    assert not ScorerVersion.objects.exists()


def test_a_malformed_lab_file_is_refused_and_nothing_is_stored(desk, lab_data):
    (lab_data / training.DEV_FILE).write_text("not the lab's header\n", encoding="utf-8")
    with pytest.raises(scorers.CannotRetrain, match="expected the header"):
        scorers.retrain_from_desk(by=None)
    assert not ScorerVersion.objects.exists()


# The one lookup of the proposing model.


def test_active_model_follows_an_activation_made_elsewhere_without_a_restart(
    desk, lab_data, django_assert_num_queries
):
    first = scorers.retrain_from_desk(by=None)
    scorers.activate(first, by=None)
    assert scorers.active_model("en") == extraction.Model.from_dict(first.document)
    # A second version, activated by another process: only rows in the database change.
    second = ScorerVersion.objects.create(
        version="other",
        document={**first.document, "bias": first.document["bias"] + 1},
        label_weight=1,
    )
    ScorerActivation.objects.create(language="en", version=second)

    assert scorers.active_model("en").bias == first.document["bias"] + 1
    with django_assert_num_queries(1):  # the check only: the weights are cached
        assert scorers.active_model("en").bias == first.document["bias"] + 1
    ScorerActivation.objects.create(language="en", version=None)
    assert scorers.active_model("en") == extraction.load_model()


def test_other_languages_keep_the_shipped_model_whatever_is_active(desk, lab_data):
    scorers.activate(scorers.retrain_from_desk(by=None), by=None)
    assert scorers.active_model("en") != extraction.load_model()
    assert scorers.active_model("zh") == extraction.model_for("zh")


def test_a_version_cannot_be_activated_for_another_language(desk, lab_data):
    version = scorers.retrain_from_desk(by=None)
    with pytest.raises(ValueError, match="is for en, not zh"):
        scorers.activate(version, by=None, language="zh")


# The command.


def test_the_command_retrains_from_the_desk_and_prints_counts_and_before_after(desk, lab_data):
    printed = run("--from-desk")
    version = ScorerVersion.objects.get()
    held = version.labels["held_back"]
    lines = printed.splitlines()
    assert lines[0].startswith(f"Scorer {version.pk} (en, ")
    assert f"held back {held['yes']} accepted and {held['no']} dismissed" in lines[0]
    assert "(weight 5)" in lines[0]
    before = version.metrics["before"]
    assert lines[1] == (
        "Held back, before (the shipped model): "
        f"precision {before['precision']:.3f}, recall {before['recall']:.3f}, F1 {before['f1']:.3f}"
    )
    assert lines[2].startswith("Held back, after (this version): precision ")
    assert f"not active: activate it in the admin or with --rollback {version.pk}" in printed
    assert scorers.active_version("en") is None


def test_the_command_activates_rolls_back_and_lists(desk, lab_data):
    assert "is now active" in run("--from-desk", "--activate")
    version = ScorerVersion.objects.get()
    assert scorers.active_version("en") == version
    listing = run("--list")
    assert listing.startswith(f"* Scorer {version.pk} (en, ")
    assert "activated " in listing and "by a command" in listing

    assert run("--rollback", "shipped").strip() == "Now active: the shipped model."
    assert scorers.active_version("en") is None
    assert "* the shipped model" in run("--list")
    run("--rollback", str(version.pk))
    assert scorers.active_version("en") == version


@pytest.mark.parametrize("target", ["999", "latest"])
def test_the_command_refuses_to_roll_back_to_an_unknown_version(db, target):
    with pytest.raises(CommandError, match=f"there is no scorer version '{target}'"):
        run("--rollback", target)
    assert not ScorerActivation.objects.exists()


def test_the_command_refuses_too_few_labels_and_stores_nothing(editor, lab_data, settings):
    settings.FACTCHECK_DESK_MIN_LABELS = 40
    claims = suggested_claims(ACCEPTED[:2] + DISMISSED[:1])
    decide(claims, by=editor, accept=ACCEPTED[:2], dismiss=DISMISSED[:1])
    with pytest.raises(CommandError, match=r"3 decisions .* at least 40"):
        run("--from-desk", "--activate")
    assert not ScorerVersion.objects.exists()
    assert not ScorerActivation.objects.exists()


def test_activate_without_from_desk_is_an_error(db):
    with pytest.raises(CommandError, match="--activate goes with --from-desk"):
        run("--activate")


# The admin.

CHANGELIST = reverse("admin:claims_scorerversion_changelist")
TRAIN = reverse("admin:claims_scorerversion_train")
SHIPPED = reverse("admin:claims_scorerversion_shipped")


def activate_url(version):
    return reverse("admin:claims_scorerversion_activate", args=[version.pk])


@pytest.fixture
def staff_without_permissions(db):
    """Staff who may see the scorer versions, but neither train nor activate."""
    user = UserFactory(username="stan", role=User.Role.EDITOR, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_scorerversion"))
    return user


@pytest.fixture
def lab_desk(desk, lab_data):
    return desk


def test_the_list_shows_the_active_model_the_desks_counts_and_the_buttons(
    admin_client, lab_desk, django_assert_max_num_queries
):
    scorers.activate(scorers.retrain_from_desk(by=None), by=None)
    scorers.retrain_from_desk(by=None)
    with django_assert_max_num_queries(12):
        response = admin_client.get(CHANGELIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Proposing claims in English: Scorer" in page
    assert "12 accepted, 12 dismissed as not worth checking" in page
    assert "takes about a minute" in page
    assert f'action="{TRAIN}"' in page
    assert f'action="{SHIPPED}"' in page
    assert page.count('alt="True"') == 1  # one active version of the two


def test_the_train_button_stores_a_version_and_shows_its_metrics(
    admin_client, lab_desk, admin_user
):
    response = admin_client.post(TRAIN, follow=True)
    version = ScorerVersion.objects.get()
    assert response.redirect_chain == [
        (reverse("admin:claims_scorerversion_change", args=[version.pk]), 302)
    ]
    page = response.content.decode()
    assert "Held back, before (the shipped model): precision" in page
    assert "Held back, after (this version): precision" in page
    assert "Not active yet" in page
    assert f'action="{activate_url(version)}"' in page
    assert version.created_by == admin_user
    assert scorers.active_version("en") is None


def test_the_train_button_refuses_too_few_labels_and_stores_nothing(
    admin_client, editor, lab_data, settings
):
    settings.FACTCHECK_DESK_MIN_LABELS = 40
    decide(suggested_claims(ACCEPTED[:2]), by=editor, accept=ACCEPTED[:2])
    response = admin_client.post(TRAIN, follow=True)
    assert response.redirect_chain == [(CHANGELIST, 302)]
    assert "The desk has 2 decisions to learn from" in response.content.decode()
    assert not ScorerVersion.objects.exists()


def test_activate_then_back_to_the_shipped_model(admin_client, lab_desk, admin_user):
    version = scorers.retrain_from_desk(by=None)
    response = admin_client.post(activate_url(version))
    assert response.status_code == 302
    assert scorers.active_version("en") == version
    page = admin_client.get(reverse("admin:claims_scorerversion_change", args=[version.pk]))
    assert "This version proposes claims." in page.content.decode()

    admin_client.post(SHIPPED)
    assert scorers.active_version("en") is None
    assert list(ScorerActivation.objects.values_list("version", "activated_by")) == [
        (None, admin_user.pk),
        (version.pk, admin_user.pk),
    ]
    history = admin_client.get(reverse("admin:claims_scorerversion_change", args=[version.pk]))
    assert f"({admin_user.username})" in history.content.decode()


def test_activating_an_unknown_version_is_not_found(admin_client):
    response = admin_client.post(reverse("admin:claims_scorerversion_activate", args=[999]))
    assert response.status_code == 404
    assert not ScorerActivation.objects.exists()


@pytest.mark.parametrize("url", [TRAIN, SHIPPED])
def test_the_buttons_answer_only_post(admin_client, url):
    assert admin_client.get(url).status_code == 405
    assert not ScorerVersion.objects.exists()
    assert not ScorerActivation.objects.exists()


def test_the_buttons_need_the_csrf_token(admin_user, lab_desk):
    client = login(Client(enforce_csrf_checks=True), admin_user)
    version = scorers.retrain_from_desk(by=None)
    for url in (TRAIN, SHIPPED, activate_url(version)):
        assert client.post(url).status_code == 403
    assert ScorerVersion.objects.count() == 1
    assert not ScorerActivation.objects.exists()


def test_an_editor_who_is_not_staff_is_sent_to_the_admin_login(client, editor, lab_desk):
    login(client, editor)
    version = scorers.retrain_from_desk(by=None)
    for url in (TRAIN, SHIPPED, activate_url(version), CHANGELIST):
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert ScorerVersion.objects.count() == 1
    assert not ScorerActivation.objects.exists()


def test_staff_without_the_permissions_see_no_buttons_and_are_refused(
    client, staff_without_permissions, lab_desk
):
    login(client, staff_without_permissions)
    version = scorers.retrain_from_desk(by=None)
    page = client.get(CHANGELIST).content.decode()
    assert "Retrain" not in page and "Use the shipped model" not in page
    for url in (TRAIN, SHIPPED, activate_url(version)):
        assert client.post(url).status_code == 403
    assert ScorerVersion.objects.count() == 1
    assert not ScorerActivation.objects.exists()


def test_versions_cannot_be_added_edited_or_deleted_by_hand(admin_client, lab_desk):
    version = scorers.retrain_from_desk(by=None)
    assert admin_client.get(reverse("admin:claims_scorerversion_add")).status_code == 403
    delete = reverse("admin:claims_scorerversion_delete", args=[version.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert ScorerVersion.objects.filter(pk=version.pk).exists()


def test_the_activation_log_lists_who_activated_what(admin_client, admin_user, lab_desk):
    version = scorers.retrain_from_desk(by=None)
    scorers.activate(version, by=admin_user)
    scorers.activate(None, by=admin_user)
    page = admin_client.get(reverse("admin:claims_scoreractivation_changelist")).content.decode()
    assert "the shipped model" in page
    assert str(version) in page
    assert page.count(admin_user.username) >= 2
