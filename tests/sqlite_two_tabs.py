"""Run by tests/test_sqlite_concurrency.py in a process of its own, on a SQLite file holding
the migrated (empty) tables: one reviewer with two tabs autosaving the same review at once,
through the real views.

Prints one JSON object: the status codes the saves got, and the review's final version.
Usage: python -m tests.sqlite_two_tabs DATABASE_FILE SAVES_PER_TAB
"""

import json
import sys
import threading
from collections import Counter


def main(database, saves_per_tab):
    from bench.bootstrap import setup

    setup("sqlite-two-tabs", database=database, migrate=False, test_client=True)

    from django.db import connection
    from django.test import Client

    from factcheck.accounts.models import User
    from factcheck.articles.models import Article
    from factcheck.claims.proposals import create_claim
    from factcheck.reviews import assignments
    from factcheck.reviews.models import Review

    body = "Some 770 million rural Chinese have been lifted out of poverty."
    editor = User.objects.create_user("edna", role=User.Role.EDITOR)
    reviewer = User.objects.create_user("rita", role=User.Role.REVIEWER)
    article = Article.objects.create(title="Two tabs", body=body)
    claim = create_claim(article, 0, len(body))
    assignments.assign([claim], [reviewer], by=editor, notify=False)
    connection.close()

    statuses = Counter()
    lock = threading.Lock()
    start = threading.Barrier(2)

    def tab(number):
        client = Client(raise_request_exception=False)  # a 500 is counted, not raised
        client.force_login(reviewer)
        start.wait(timeout=30)
        for save in range(saves_per_tab):
            review = Review.objects.filter(reviewer=reviewer, claim=claim).first()
            response = client.post(
                f"/review/{claim.pk}/draft/",
                {
                    "version": review.version if review else 0,
                    "claim_fingerprint": claim.wording_fingerprint,
                    "confidence": "",
                    "rationale": f"Tab {number}, save {save}.",
                },
                headers={"HX-Request": "true"},
            )
            with lock:
                statuses[response.status_code] += 1
        connection.close()

    tabs = [threading.Thread(target=tab, args=(number,)) for number in (1, 2)]
    for thread in tabs:
        thread.start()
    for thread in tabs:
        thread.join()
    version = Review.objects.get(reviewer=reviewer, claim=claim).version
    print(json.dumps({"statuses": {str(k): v for k, v in statuses.items()}, "version": version}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
