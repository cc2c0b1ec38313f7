"""Load and fault test: simulated reviewers against gunicorn on PostgreSQL.

    bench/load/run.py                       20 s, 10 reviewers (the smoke run CI makes)
    bench/load/run.py --full                2 minutes, 50 reviewers
    bench/load/run.py --fault db-restart    PostgreSQL stopped (as by a crash) and started again
                                            in the middle, on a cluster of its own
    bench/load/run.py --fault worker-kill   a gunicorn worker killed with SIGKILL in the middle
    bench/load/run.py --instances 2         two gunicorn instances on two ports, one database

Each reviewer has a session of their own and works through their queue the way the workspace's
htmx does: opens the queue, opens a claim, saves drafts with the version the page holds, adds a
source, submits. Requests go to the instances in turn. Every write the application acknowledged
(200) is then looked for in the database (a superseded draft in the review's history); and after
the load, races across the instances: several tabs saving one review, several editors resolving
one claim, auto-assigning one article, importing one text. It prints requests, writes
acknowledged and found, errors by status, p50/p95, and exits non-zero when a check fails: any 5xx
(during a database outage: anything but 503, or a 503 outside it), a lost or half-written write,
a race with other than one winner.

The application runs with its production settings (debug off) on a database of its own,
created on --server (default: the PostgreSQL at 127.0.0.1:5432) and dropped afterwards;
--fault db-restart makes a cluster of its own on a free port with initdb (as the `postgres`
user when run as root) and never touches the server on 5432.
"""

import argparse
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VERSION = re.compile(r'name="version" value="(\d+)" data-review-version')
CLAIM_LINK = re.compile(r'href="/review/(\d+)/"')
SOURCES = [f"https://stats.example.org/load/report-{n}" for n in range(25)]
OUTAGE_SECONDS = 8
# After PostgreSQL is back, a worker's broken connection is replaced on its next request
# (conn_health_checks); a request already waiting on the dead connection may still fail.
RECOVERY_GRACE = 5.0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, share):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# The database --------------------------------------------------------------------------------


class OwnCluster:
    """A PostgreSQL cluster in a temporary directory on a free port, stopped and removed at
    the end. initdb refuses to run as root, so as root it runs as the `postgres` user."""

    def __init__(self):
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        pg_bin = found[-1].parent if found else Path(shutil.which("initdb") or "initdb").parent
        self.initdb, self.pg_ctl = pg_bin / "initdb", pg_bin / "pg_ctl"
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="factcheck-load-pg-"))
        self.data, self.log = self.dir / "data", self.dir / "postgres.log"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.dir, user="postgres", group="postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"

    def _run(self, *command):
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run([*prefix, *map(str, command)], check=True, stdout=subprocess.DEVNULL)

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._run(self.pg_ctl, "-D", self.data, "-l", self.log, "-o", options, "-w", "start")

    def stop(self, mode="fast"):
        self._run(self.pg_ctl, "-D", self.data, "-m", mode, "-w", "stop")

    def __enter__(self):
        self._run(self.initdb, "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        return self

    def __exit__(self, *exc):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def create_database(server, name):
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(server, name):
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# The application -----------------------------------------------------------------------------


class Instance:
    """One gunicorn (a master and its workers) on a port of its own."""

    def __init__(self, env, workers, log_dir):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(log_dir / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                BIN / "gunicorn",
                "factcheck.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn on port {self.port} did not start: see {self.log.name}")

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def app_environment(database_url):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def setup_django(env):
    """This process talks to the same database as the application, to build and check data."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as a deployment does


def session_cookies(user):
    """The cookies of a logged-in browser: a session, and a CSRF token sent back as the
    header htmx sends (base.html's hx-headers)."""
    from django.conf import settings
    from django.test import Client
    from django.utils.crypto import get_random_string

    client = Client()
    client.force_login(user)
    token = get_random_string(32)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={token}"
    return {"Cookie": cookie, "X-CSRFToken": token}


def build_desk(reviewers, claims_each):
    """An editor, `reviewers` reviewers, and claims for each: every claim is assigned to two
    neighbouring reviewers, so their submissions meet on the claim's row."""
    from factcheck.accounts.models import User
    from factcheck.articles.models import Article
    from factcheck.claims.proposals import create_claim
    from factcheck.reviews import assignments

    editor = User.objects.create(username="load-editor", role=User.Role.EDITOR)
    people = [
        User.objects.create(username=f"load-reviewer-{n:03}", role=User.Role.REVIEWER)
        for n in range(reviewers)
    ]
    per_pair = max(1, claims_each // 2)
    for n, person in enumerate(people):
        pair = [person, people[(n + 1) % len(people)]] if len(people) > 1 else [person]
        lines = [
            f"In {1990 + k} the ministry of region {n} reported {k * 7 + n} million tonnes."
            for k in range(per_pair)
        ]
        body = "\n\n".join([f"Regional report {n}.", *lines])
        article = Article.objects.create(
            title=f"Regional report {n}", outlet="Load Daily", body=body, raw=body, language="en"
        )
        claims = []
        for line in lines:
            start = body.index(line)
            claims.append(create_claim(article, start, start + len(line), by=editor))
        assignments.assign(claims, pair, by=editor, notify=False)
    return editor, people


# Recording -----------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    started: float
    seconds: float
    status: int | None  # None: no answer (connection reset, timeout)


@dataclass
class Write:
    kind: str  # draft, evidence, submit
    claim: int
    reviewer: str
    marker: str
    outcome: str  # ack, refused, unknown
    at: float


@dataclass
class Recorder:
    samples: list = field(default_factory=list)
    writes: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def sample(self, *args):
        with self.lock:
            self.samples.append(Sample(*args))

    def write(self, *args):
        with self.lock:
            self.writes.append(Write(*args))


class Browser:
    """One person's browser: their cookies, requests to the instances in turn, each timed."""

    def __init__(self, headers, bases, recorder, t0):
        self.client = httpx.Client(headers=headers, timeout=30)
        self.bases, self.recorder, self.t0 = bases, recorder, t0
        self.turn = random.randrange(len(bases))

    def request(self, kind, method, path, data=None, htmx=True):
        self.turn += 1
        url = self.bases[self.turn % len(self.bases)] + path
        headers = {"HX-Request": "true"} if htmx else {}
        started = time.monotonic()
        try:
            response = self.client.request(method, url, data=data, headers=headers)
        except httpx.HTTPError:
            self.recorder.sample(kind, started - self.t0, time.monotonic() - started, None)
            return None, ""
        self.recorder.sample(
            kind, started - self.t0, time.monotonic() - started, response.status_code
        )
        return response.status_code, response.text


class SimulatedReviewer(threading.Thread):
    def __init__(self, name, browser, verdicts, recorder, until, think):
        super().__init__(daemon=True)
        self.name_, self.browser, self.verdicts = name, browser, verdicts
        self.recorder, self.until, self.think = recorder, until, think
        self.t0 = browser.t0

    def pause(self, factor=1.0):
        time.sleep(self.think * factor * random.uniform(0.5, 1.5))

    def running(self):
        return time.monotonic() < self.until

    def run(self):
        while self.running():
            status, html = self.browser.request("queue", "GET", "/queue/", htmx=False)
            self.pause()
            if status != 200:
                self.pause(3)
                continue
            claims = list(dict.fromkeys(CLAIM_LINK.findall(html)))
            if not claims:
                return
            self.work_on(int(claims[0]))

    def open(self, claim):
        """The review panel's version, or None when the panel has no draft to change."""
        for _attempt in range(10):
            status, html = self.browser.request("panel", "GET", f"/review/{claim}/")
            self.pause()
            if status == 200:
                found = VERSION.search(html)
                return int(found.group(1)) if found else None
            if not self.running():
                return None
            self.pause(3)
        return None

    def post(self, kind, claim, path, data, marker):
        status, html = self.browser.request(kind, "POST", path, data)
        outcome = (
            "ack" if status == 200 else "unknown" if status is None or status >= 500 else "refused"
        )
        self.recorder.write(kind, claim, self.name_, marker, outcome, time.monotonic() - self.t0)
        self.pause()
        found = VERSION.search(html) if status == 200 else None
        return status, int(found.group(1)) if found else None

    def review_form(self, version, marker):
        return {
            "verdict": random.choice(self.verdicts),
            "confidence": random.choice(["low", "medium", "high"]),
            "rationale": marker,
            "version": version,
        }

    def work_on(self, claim):
        version = self.open(claim)
        if version is None:
            return
        for step in range(2):
            marker = f"{self.name_} drafts claim {claim}, step {step}, {uuid.uuid4().hex[:8]}."
            data = self.review_form(version, marker)
            status, new = self.post("draft", claim, f"/review/{claim}/draft/", data, marker)
            version = new if new is not None else self.open(claim)
            if version is None:
                return
        key = uuid.uuid4().hex
        quote = f"{self.name_} quotes source for claim {claim}, {key[:8]}."
        for _attempt in range(5):  # the same submission key: a retry never adds it twice
            data = {
                "url": random.choice(SOURCES),
                "title": "Statistical report",
                "kind": "official",
                "quote": quote,
                "stance": "supports",
                "version": version,
                "submission_key": key,
            }
            status, new = self.post("evidence", claim, f"/review/{claim}/evidence/", data, quote)
            version = new if new is not None else self.open(claim)
            if status == 200 or version is None or not self.running():
                break
        while version is not None and self.running():
            marker = f"{self.name_} submits claim {claim}, {uuid.uuid4().hex[:8]}."
            data = self.review_form(version, marker)
            status, _new = self.post("submit", claim, f"/review/{claim}/submit/", data, marker)
            if status == 200:
                return
            version = self.open(claim)


# Faults --------------------------------------------------------------------------------------


def busy_worker(instance, patience=5.0):
    """A worker of `instance` that is running (state R: serving a request, not waiting for
    one), or after `patience` seconds any worker."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        for pid in instance.workers():
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if state == "R":
                return pid
        time.sleep(0.005)
    return instance.workers()[0]


def inject(fault, t0, at, cluster, instances, events):
    """`at` seconds after `t0` (monotonic), make the fault happen; note in `events` when (in
    seconds after t0) the application lost and got back what it needs."""
    time.sleep(max(0.0, t0 + at - time.monotonic()))
    if fault == "db-restart":
        events["down"] = time.monotonic() - t0
        cluster.stop(mode="immediate")  # as a crash: no checkpoint, recovery from the WAL
        time.sleep(OUTAGE_SECONDS)
        cluster.start()
        events["up"] = time.monotonic() - t0
    elif fault == "worker-kill":
        victim = busy_worker(instances[0])
        events["down"] = events["up"] = time.monotonic() - t0
        os.kill(victim, signal.SIGKILL)
        events["killed"] = victim


# Races across the instances ------------------------------------------------------------------


def race(requests):
    """Send (headers, base, method, path, data) requests at the same moment; their statuses."""
    start = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def send(n, headers, base, method, path, data):
        with httpx.Client(headers={**headers, "HX-Request": "true"}, timeout=30) as client:
            start.wait(timeout=30)
            try:
                statuses[n] = client.request(method, base + path, data=data).status_code
            except httpx.HTTPError:
                statuses[n] = None

    threads = [
        threading.Thread(target=send, args=(n, *request)) for n, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def races(bases, rounds, ways=6):
    """The concurrency checks, each request to the instances in turn. Returns failures."""
    from factcheck.accounts.models import User
    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim, Verdict
    from factcheck.claims.proposals import create_claim
    from factcheck.reviews import assignments, reviewing, workflow
    from factcheck.reviews.models import Assignment

    failures, passed = [], Counter()
    true = Verdict.objects.get(slug="true")
    for n in range(rounds):
        tag = f"race-{n}-{uuid.uuid4().hex[:6]}"
        editors = [
            User.objects.create(username=f"{tag}-editor-{k}", role=User.Role.EDITOR)
            for k in range(ways)
        ]
        racer = User.objects.create(username=f"{tag}-reviewer", role=User.Role.REVIEWER)
        lines = [
            f"In {2000 + k} the {tag} survey counted {k + 3} million households." for k in range(5)
        ]
        body = "\n\n".join(lines)
        article = Article.objects.create(title=tag, body=body, raw=body, language="en")
        claims = [
            create_claim(article, body.index(line), body.index(line) + len(line), by=editors[0])
            for line in lines
        ]

        # Several tabs of one reviewer save one review, all from version 0.
        assignments.assign([claims[0]], [racer], by=editors[0], notify=False)
        tab = session_cookies(racer)
        data = {"verdict": true.pk, "rationale": "tab", "version": 0}
        statuses = race(
            [
                (tab, bases[k % len(bases)], "POST", f"/review/{claims[0].pk}/draft/", data)
                for k in range(ways)
            ]
        )
        check(statuses, [200] + [409] * (ways - 1), "saves of one review", failures, passed)

        # Several editors resolve one claim with a submitted review.
        assignments.assign([claims[1]], [racer], by=editors[0], notify=False)
        review, _evidence = reviewing.add_evidence(
            claims[1],
            by=racer,
            expected_version=0,
            url=SOURCES[0],
            quote="Counted.",
            stance="supports",
        )
        review = reviewing.save_draft(
            claims[1],
            by=racer,
            verdict=true,
            confidence="high",
            rationale="Matches.",
            expected_version=review.version,
        )
        workflow.submit(review, by=racer)
        version = Claim.objects.get(pk=claims[1].pk).version
        requests = []
        for k, editor in enumerate(editors):
            data = {"verdict": true.pk, "rationale": f"Editor {k}.", "version": version}
            requests.append(
                (
                    session_cookies(editor),
                    bases[k % len(bases)],
                    "POST",
                    f"/claims/{claims[1].pk}/resolve/",
                    data,
                )
            )
        check(race(requests), [200] + [409] * (ways - 1), "resolves of one claim", failures, passed)
        resolved = Claim.objects.get(pk=claims[1].pk)
        if resolved.history.filter(history_change_reason__startswith="resolved").count() != 1:
            failures.append("resolves of one claim: not exactly one resolution in the history")

        # Several editors auto-assign the same article (three open claims left).
        requests = [
            (
                session_cookies(editor),
                bases[k % len(bases)],
                "POST",
                f"/articles/{article.pk}/auto-assign/",
                None,
            )
            for k, editor in enumerate(editors)
        ]
        statuses = race(requests)
        per_claim = Counter(
            Assignment.objects.filter(claim__in=claims[2:]).values_list("claim_id", flat=True)
        )
        want = {claim.pk: 2 for claim in claims[2:]}
        if any(status != 302 for status in statuses) or per_claim != want:
            failures.append(
                f"auto-assign: statuses {statuses}, assignments per claim {dict(per_claim)}"
            )
        else:
            passed["auto-assigns of one article"] += 1

        # Several editors import the same text.
        text = "\n\n".join(
            f"The {tag} census found {k + 11} million farmers in {1980 + k}." for k in range(4)
        )
        requests = [
            (
                session_cookies(editor),
                bases[k % len(bases)],
                "POST",
                "/articles/new/",
                {"text": text, "format": "auto", "action": "import"},
            )
            for k, editor in enumerate(editors)
        ]
        statuses = race(requests)
        stored = Article.objects.filter(body__contains=f"The {tag} census").count()
        if any(status != 200 for status in statuses) or stored != 1:
            failures.append(f"imports of one text: statuses {statuses}, {stored} articles stored")
        else:
            passed["imports of one text"] += 1
    return passed, failures


def check(statuses, expected, what, failures, passed):
    if sorted(statuses, key=lambda status: status or 0) == expected:
        passed[what] += 1
    else:
        failures.append(f"{what}: statuses {statuses}, expected one 200 and the rest 409")


# Verification --------------------------------------------------------------------------------


def verify(recorder):
    """Every acknowledged write in the database; the last one (or a later unacknowledged one)
    is the row's state; nothing half-written. Returns (found, problems)."""
    from django.conf import settings

    from factcheck.reviews.models import Review

    problems, found = [], 0
    by_review = defaultdict(list)
    for write in recorder.writes:
        by_review[(write.claim, write.reviewer)].append(write)
    reviews = {
        (review.claim_id, review.reviewer.username): review
        for review in Review.objects.filter(reviewer__username__startswith="load-reviewer-")
        .select_related("reviewer")
        .prefetch_related("evidence")
    }
    history = defaultdict(list)  # review id: the rationale of each recorded change
    for pk, rationale in Review.history.filter(id__in=[r.pk for r in reviews.values()]).values_list(
        "id", "rationale"
    ):
        history[pk].append(rationale)
    for key, writes in by_review.items():
        review = reviews.get(key)
        acked = [write for write in writes if write.outcome == "ack"]
        if review is None:
            if acked:
                problems.append(f"review {key}: {len(acked)} acknowledged writes, no review")
            continue
        rationales = set(history[review.pk])
        quotes = Counter(evidence.quote for evidence in review.evidence.all())
        for write in acked:
            if write.kind == "evidence":
                ok = quotes[write.marker] == 1
            elif write.kind == "submit":
                ok = review.submitted_at is not None and write.marker in rationales
            else:
                ok = write.marker in rationales
            found += ok
            if not ok:
                problems.append(
                    f"review {key}: acknowledged {write.kind} not found: {write.marker}"
                )
        if any(count > 1 for count in quotes.values()):
            problems.append(f"review {key}: a source added twice")
        texts = [
            write for write in writes if write.kind != "evidence" and write.outcome != "refused"
        ]
        last_ack = max((n for n, write in enumerate(texts) if write.outcome == "ack"), default=-1)
        allowed = {write.marker for write in texts[max(last_ack, 0) :]}
        if texts and review.rationale not in allowed | ({""} if last_ack < 0 else set()):
            problems.append(
                f"review {key}: holds {review.rationale!r}, not the last acknowledged save"
            )
        # Half-written: every version is one recorded change; a submitted review is complete.
        if review.version != len(history[review.pk]) - 1:
            problems.append(
                f"review {key}: version {review.version}, {len(history[review.pk])} records"
            )
        if review.submitted_at and (
            review.verdict_id is None or len(quotes) < settings.FACTCHECK_MIN_SOURCES
        ):
            problems.append(f"review {key}: submitted without a verdict or its sources")
    return found, problems


# The run -------------------------------------------------------------------------------------


def report(args, recorder, events, found, race_passed, race_failures, problems, elapsed):
    samples = recorder.samples
    statuses = Counter(sample.status for sample in samples)
    kinds = Counter(sample.kind for sample in samples)
    acked = Counter(write.kind for write in recorder.writes if write.outcome == "ack")
    errors = {
        ("no answer" if status is None else str(status)): count
        for status, count in sorted(statuses.items(), key=lambda item: item[0] or 0)
        if status is None or status >= 400
    }
    seconds = [sample.seconds for sample in samples if sample.status is not None]
    writes = [s.seconds for s in samples if s.kind in ("draft", "evidence", "submit") and s.status]
    print(
        f"requests            {len(samples)} in {elapsed:.0f} s ({len(samples) / elapsed:.0f}/s): "
        + ", ".join(f"{kind} {count}" for kind, count in kinds.items())
    )
    print(
        f"writes acknowledged {sum(acked.values())} ("
        + ", ".join(f"{kind} {count}" for kind, count in acked.items())
        + ")"
    )
    print(f"writes found        {found}")
    print("errors by status    " + (", ".join(f"{k}: {v}" for k, v in errors.items()) or "none"))
    print(
        f"p50 / p95           {percentile(seconds, 0.5) * 1000:.0f} ms / "
        f"{percentile(seconds, 0.95) * 1000:.0f} ms (writes {percentile(writes, 0.5) * 1000:.0f}"
        f" / {percentile(writes, 0.95) * 1000:.0f} ms)"
    )
    if events:
        down, up = events["down"], events["up"]
        during = Counter(
            s.status for s in samples if s.started + s.seconds >= down and s.started <= up
        )
        after = [s for s in samples if s.started > up and s.status == 200]
        first_ok = min((s.started + s.seconds for s in after), default=None)
        print(
            f"fault               {args.fault} at {down:.1f} s"
            + (f", back at {up:.1f} s" if up > down else f" (worker {events.get('killed')})")
            + ": "
            + ", ".join(f"{'no answer' if k is None else k}: {v}" for k, v in during.items())
            + (f"; first success {first_ok - up:.1f} s after" if first_ok else "; no success after")
        )
    print(
        "races               "
        + ", ".join(f"{what} {n}/{args.rounds}" for what, n in race_passed.items())
    )
    for line in race_failures + problems[:20]:
        print(f"  FAILED: {line}")
    failed = list(race_failures) + list(problems)
    if not acked:
        failed.append("no write was acknowledged")
    bad = [s for s in samples if s.status is not None and s.status >= 500]
    if args.fault == "db-restart":
        down, up = events["down"], events["up"]
        outside = [
            s
            for s in bad
            if s.status != 503 or s.started + s.seconds < down or s.started > up + RECOVERY_GRACE
        ]
        if outside:
            failed.append(f"{len(outside)} 5xx answers other than 503 during the outage")
        if not any(s.started > up and s.status == 200 for s in samples):
            failed.append("no successful request after PostgreSQL came back")
    elif bad:
        failed.append(f"{len(bad)} 5xx answers")
    unanswered = [s for s in samples if s.status is None]
    if unanswered and args.fault == "none":
        failed.append(f"{len(unanswered)} requests without an answer")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="2 minutes, 50 reviewers")
    parser.add_argument("--reviewers", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--think", type=float, default=0.3, help="seconds between a reviewer's requests"
    )
    parser.add_argument("--fault", choices=["none", "db-restart", "worker-kill"], default="none")
    parser.add_argument("--rounds", type=int, help="rounds of races after the load")
    parser.add_argument(
        "--server",
        default=os.environ.get("LOAD_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server to create the test database on (not with db-restart)",
    )
    args = parser.parse_args()
    args.reviewers = args.reviewers or (50 if args.full else 10)
    args.seconds = args.seconds or (120 if args.full else 20)
    args.rounds = args.rounds or (3 if args.full else 1)
    claims_each = max(4, int(args.seconds / 2))

    cluster = OwnCluster().__enter__() if args.fault == "db-restart" else None
    server = cluster.url if cluster else args.server
    name = f"factcheck_load_{os.getpid()}"
    log_dir = Path(tempfile.mkdtemp(prefix="factcheck-load-"))
    instances = []
    try:
        create_database(server, name)
        env = app_environment(f"{server}/{name}")
        setup_django(env)
        from django.db import connections

        from factcheck.claims.models import Verdict

        started = time.monotonic()
        _editor, people = build_desk(args.reviewers, claims_each)
        verdicts = list(Verdict.objects.values_list("pk", flat=True))
        headers = [session_cookies(person) for person in people]
        print(
            f"load: {args.reviewers} reviewers x {claims_each} claims, {args.seconds:.0f} s, "
            f"{args.instances} instance(s) x {args.workers} gunicorn workers, PostgreSQL "
            f"{'(own cluster) ' if cluster else ''}database {name}, fault: {args.fault} "
            f"(set up in {time.monotonic() - started:.0f} s)"
        )
        connections.close_all()
        instances = [Instance(env, args.workers, log_dir) for _ in range(args.instances)]
        bases = [instance.base for instance in instances]

        recorder, events = Recorder(), {}
        t0 = time.monotonic()
        until = t0 + args.seconds
        crowd = [
            SimulatedReviewer(
                person.username,
                Browser(header, bases, recorder, t0),
                verdicts,
                recorder,
                until,
                args.think,
            )
            for person, header in zip(people, headers, strict=True)
        ]
        faulting = None
        if args.fault != "none":
            faulting = threading.Thread(
                target=inject,
                args=(args.fault, t0, args.seconds / 3, cluster, instances, events),
            )
            faulting.start()
        for reviewer in crowd:
            reviewer.start()
            time.sleep(0.02)
        for reviewer in crowd:
            reviewer.join()
        if faulting:
            faulting.join()
        elapsed = time.monotonic() - t0

        connections.close_all()
        race_passed, race_failures = races(bases, args.rounds)
        found, problems = verify(recorder)
        failed = report(
            args, recorder, events, found, race_passed, race_failures, problems, elapsed
        )
        print(f"gunicorn logs       {log_dir}")
        print("result              " + ("FAILED: " + "; ".join(failed[:5]) if failed else "passed"))
        return 1 if failed else 0
    finally:
        for instance in instances:
            instance.stop()
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        drop_database(server, name)
        if cluster:
            cluster.__exit__(None, None, None)


if __name__ == "__main__":
    sys.exit(main())
