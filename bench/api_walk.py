"""The whole job through the API, as a program outside the project makes it: import an article,
accept its strong proposals, assign one, review it (draft, source, submit) with a reviewer's
token, resolve and publish it, then poll the published fact-checks with If-None-Match.

Prints each step's status and time. Against a running installation:

    FC_EDITOR_TOKEN=fc_... FC_REVIEWER_TOKEN=fc_... bench/api_walk.py --base https://host/ \
        --reviewer reviewer1 [--article FILE]

Without --base it makes its own: a scratch SQLite database, an editor and a reviewer with
tokens from `manage.py create_api_token`, and gunicorn on a free port; everything is removed
afterwards. Exits non-zero when a step does not answer as the README says it does.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent / "load"))
from run import BIN, ROOT, Instance  # noqa: E402  (bench/load/run.py)

SEED = ROOT / "factcheck" / "articles" / "data" / "seed-article.txt"
USERS = (
    "from factcheck.accounts.models import User\n"
    "User.objects.create_user('walk-editor', role=User.Role.EDITOR)\n"
    "User.objects.create_user('walk-reviewer', role=User.Role.REVIEWER)\n"
)


class Walk:
    def __init__(self, base, editor_token, reviewer_token):
        self.editor = httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {editor_token}"}, timeout=60
        )
        self.reviewer = httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {reviewer_token}"}, timeout=60
        )
        self.failed = False

    def step(self, label, client, method, path, *, expect, version=None, **kwargs):
        headers = {"If-Match": f'"{version}"'} if version is not None else {}
        headers |= kwargs.pop("headers", {})
        started = time.perf_counter()
        response = client.request(method, path, headers=headers, **kwargs)
        elapsed = (time.perf_counter() - started) * 1000
        ok = response.status_code in expect
        self.failed |= not ok
        print(
            f"{label:<46} {response.status_code}  {elapsed:7.1f} ms{'' if ok else '  UNEXPECTED'}"
        )
        if not ok:
            print(response.text[:500])
            raise SystemExit(1)
        return response


def walk(base, editor_token, reviewer_token, reviewer, article):
    w = Walk(base, editor_token, reviewer_token)
    feed = w.step(
        "poll the feed (first time)", w.editor, "GET", "/api/v1/fact-checks/", expect={200}
    )
    etag = feed.headers["ETag"]
    w.step(
        "poll again: nothing new",
        w.editor,
        "GET",
        "/api/v1/fact-checks/",
        expect={304},
        headers={"If-None-Match": etag},
    )
    imported = w.step(
        "import the article",
        w.editor,
        "POST",
        "/api/v1/articles/",
        json={"text": article.read_text(encoding="utf-8"), "title": "API walk"},
        expect={200, 201},
    ).json()
    article_id = imported["article"]["id"]
    claims = w.step(
        "read its proposals", w.editor, "GET", f"/api/v1/articles/{article_id}/", expect={200}
    ).json()["claims"]
    strong = [c for c in claims if c["status"] == "suggested" and c["checkworthiness"] >= 0.7]
    print(f"  {len(claims)} claims, {len(strong)} suggested at 0.7 or more")
    accepted = []
    for claim in strong:
        answer = w.step(
            f"accept claim {claim['id']}",
            w.editor,
            "POST",
            f"/api/v1/claims/{claim['id']}/accept/",
            version=claim["version"],
            expect={200},
        )
        accepted.append(answer.json())
    if not accepted:
        raise SystemExit("no proposal to accept")
    claim = accepted[0]
    claim = w.step(
        f"assign claim {claim['id']} to {reviewer}",
        w.editor,
        "POST",
        f"/api/v1/claims/{claim['id']}/assign/",
        version=claim["version"],
        json={"reviewers": [reviewer]},
        expect={200},
    ).json()
    w.step("the reviewer's queue", w.reviewer, "GET", "/api/v1/reviews/", expect={200})
    path = f"/api/v1/reviews/{claim['id']}/"
    review = w.step("open the review", w.reviewer, "GET", path, expect={200})
    version = int(review.headers["ETag"].strip('W/"'))
    review = w.step(
        "save a draft",
        w.reviewer,
        "PUT",
        path,
        version=version,
        expect={200},
        json={"verdict": "true", "confidence": "high", "rationale": "The bureau's table agrees."},
    )
    version = int(review.headers["ETag"].strip('W/"'))
    evidence = w.step(
        "add a source",
        w.reviewer,
        "POST",
        path + "evidence/",
        version=version,
        expect={201},
        json={"url": "https://stats.example.org/table-1", "title": "Table 1", "stance": "supports"},
    )
    version = int(evidence.headers["ETag"].strip('W/"'))
    w.step("submit", w.reviewer, "POST", path + "submit/", version=version, expect={200})
    claim = w.step(
        "the claim, as the editor sees it",
        w.editor,
        "GET",
        f"/api/v1/claims/{claim['id']}/",
        expect={200},
    ).json()
    claim = w.step(
        "resolve: true",
        w.editor,
        "POST",
        f"/api/v1/claims/{claim['id']}/resolve/",
        version=claim["version"],
        expect={200},
        json={
            "verdict": "true",
            "rationale": "The bureau's table agrees.",
            "without_waiting": True,
        },
    ).json()
    w.step(
        "publish",
        w.editor,
        "POST",
        f"/api/v1/claims/{claim['id']}/publish/",
        version=claim["version"],
        expect={200},
    )
    changed = w.step(
        "poll the feed: the new fact-check",
        w.editor,
        "GET",
        "/api/v1/fact-checks/",
        expect={200},
        headers={"If-None-Match": etag},
    )
    reviewed = [r["claimReviewed"] for r in changed.json()["dataFeedElement"]]
    if claim["text"] not in reviewed:
        raise SystemExit("the published claim is not in the feed")
    print(f"  the feed holds {len(reviewed)} fact-check(s), the published claim among them")
    w.step(
        "poll again: nothing new",
        w.editor,
        "GET",
        "/api/v1/fact-checks/",
        expect={304},
        headers={"If-None-Match": changed.headers["ETag"]},
    )


def manage(env, *args):
    result = subprocess.run(
        [BIN / "python", "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="a running installation (else one is started)")
    parser.add_argument("--reviewer", default="walk-reviewer", help="username to assign")
    parser.add_argument("--article", type=Path, default=SEED)
    args = parser.parse_args()
    if args.base:
        walk(
            args.base,
            os.environ["FC_EDITOR_TOKEN"],
            os.environ["FC_REVIEWER_TOKEN"],
            args.reviewer,
            args.article,
        )
        return
    with tempfile.TemporaryDirectory(prefix="api-walk-") as scratch:
        env = {
            **os.environ,
            "DJANGO_DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{scratch}/walk.sqlite3",
            "FACTCHECK_EXPORT_DIR": f"{scratch}/exports",
        }
        manage(env, "migrate", "--noinput")
        manage(env, "shell", "-c", USERS)
        editor = manage(
            env, "create_api_token", "walk-editor", "--name", "walk", "--scope", "write"
        )
        reviewer = manage(
            env, "create_api_token", "walk-reviewer", "--name", "walk", "--scope", "write"
        )
        instance = Instance(env, 2, Path(scratch))
        try:
            print(f"gunicorn (2 workers) on {instance.base}, SQLite")
            walk(
                instance.base,
                editor.splitlines()[-1],
                reviewer.splitlines()[-1],
                args.reviewer,
                args.article,
            )
        finally:
            instance.stop()


if __name__ == "__main__":
    main()
