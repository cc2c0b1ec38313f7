"""A realistic database of N claims for the page bench (bench/pages.py), in minutes.

Run with `.venv/bin/python bench/seed.py --size 100000 [--database sqlite|postgres] [--force]`.

What it holds, for N claims (the proportions do not depend on N):

- articles of 20 to 50 claims each, their bodies made of the claims' sentences (so every claim
  is `article.body[start:end]`), drawn from a pool of sentences with figures ("unemployment in
  Varnholt rose by 4.2 percent in 2019") scored by the shipped check-worthiness model, so the
  same wording recurs across articles as real claims do;
- claims in every status: about 25 % suggested, 12 % open, 22 % in review, 3 % disputed,
  10 % resolved, 18 % published, 10 % dismissed, with score, kind, reasons and figures;
- one editor (`bench-editor`) and 20 reviewers (`bench-reviewer-00` ... `-19`); every claim
  under review or settled has two reviewers, and `bench-reviewer-00` is one of them on about a
  third of those claims: the large queue (about 8 % of N waiting for them);
- reviews: drafts and submissions (disputed claims have two different verdicts, settled ones a
  final verdict), with evidence citing a library of N / 8 sources, the popular ones cited
  again and again; comments on one claim in twenty;
- the matching index (MatchKey rows, as claims.matching writes them) and matches between
  claims of different articles with the same wording.

History rows (django-simple-history) are not written: no page the bench times reads them.

Rows are written with the databases' own bulk paths, ids chosen here: COPY on PostgreSQL,
executemany on SQLite, in batches. Each size has its own database, reused by later runs:
SQLite `bench/out/seed-N.sqlite3` (`--path` for another file), PostgreSQL the database
`factcheck_bench_N` on the server DATABASE_URL names (default postgres://postgres@127.0.0.1:5432).
A database is filled under a temporary name and renamed when complete, so one that exists is
whole; `--force` builds it again. Migrations added since it was built are applied on reuse.
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import bootstrap

OUT = bootstrap.ROOT / "bench" / "out"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
SEED = 15
BATCH = 5_000
COMMIT_EVERY = 50_000  # claims
REVIEWERS = 20
BIG_QUEUE_SHARE = 0.35  # of the claims under review or settled, those bench-reviewer-00 has
POOL = 20_000  # distinct sentences
STATUSES = {
    "suggested": 25,
    "open": 12,
    "in_review": 22,
    "disputed": 3,
    "resolved": 10,
    "published": 18,
    "dismissed": 10,
}
TOPICS = [
    "unemployment",
    "inflation",
    "rents",
    "wages",
    "emissions",
    "exports",
    "hospital beds",
    "school places",
    "crime",
    "rural poverty",
    "broadband coverage",
    "life expectancy",
    "housing starts",
    "public debt",
    "tourism",
]
AGENCIES = [
    "statistics bureau",
    "ministry of finance",
    "central bank",
    "health ministry",
    "regional government",
    "labour office",
    "planning commission",
    "audit office",
]
SYLLABLES = ["var", "nor", "holt", "ken", "mar", "sil", "bro", "dun", "lea", "ost", "rim", "tal"]
PUBLISHERS = [
    ("National Bureau of Statistics", "official"),
    ("University of Eastmoor", "academic"),
    ("The Daily Ledger", "news"),
    ("Open Data Watch", "ngo"),
    ("Ministry of Finance", "primary"),
    ("Regional Observatory", "other"),
]
TEMPLATES = [
    "In {year} {topic} in {region} rose by {pct} percent, the {agency} said.",
    "{Region} recorded {count:,} cases of {topic} in {year}, up from {count2:,} a decade earlier.",
    "Spending on {topic} in {region} reached {money} billion yuan in {year}, "
    "according to the {agency}.",
    "Life expectancy in {region} has risen to {years} years since {year}.",
    "{Region} now has the lowest rate of {topic} in the country, at {pct} percent.",
    "Some {million} million people in {region} have been lifted out of poverty since {year}.",
    "The {agency} said {topic} in {region} fell for the {nth} year in a row.",
    "Thanks to the new policy, {topic} in {region} is better than ever before.",
]
QUOTES = [
    "Table 3 gives the figure for the year.",
    "The annual report states a different total.",
    "The series was revised in the following year.",
    "The survey covers urban households only.",
]
COMMENTS = [
    "Can someone check the base year?",
    "The bureau revised this series last spring.",
    "Agreed, the source is solid.",
    "I think the rounding hides a real difference.",
]


def location(database, size, path=None):
    """(url, what to print) of the seeded database of `size` claims."""
    if database == "sqlite":
        file = Path(path) if path else OUT / f"seed-{size}.sqlite3"
        return f"sqlite:///{file.resolve()}", str(file)
    server = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
    if not server.startswith(("postgres://", "postgresql://")):
        server = DEFAULT_SERVER
    name = f"factcheck_bench_{size}"
    parts = urlsplit(server)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _pg_admin(url):
    """A psycopg connection in autocommit to the server's maintenance database."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def _pg_name(url):
    return urlsplit(url).path.lstrip("/")


def exists(url):
    if url.startswith("sqlite:"):
        return Path(url.removeprefix("sqlite:///")).exists()
    with _pg_admin(url) as admin:
        row = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [_pg_name(url)]
        ).fetchone()
    return row is not None


def _building(url):
    """The temporary location a database is filled under."""
    if url.startswith("sqlite:"):
        return url.removesuffix(".sqlite3") + ".building.sqlite3"
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path}_building"))


def _drop(url):
    if url.startswith("sqlite:"):
        file = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{file}{suffix}").unlink(missing_ok=True)
        return
    with _pg_admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{_pg_name(url)}" WITH (FORCE)')


def _create(url):
    if url.startswith("sqlite:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        return
    with _pg_admin(url) as admin:
        admin.execute(f'CREATE DATABASE "{_pg_name(url)}"')


def _rename(source, target):
    if source.startswith("sqlite:"):
        Path(source.removeprefix("sqlite:///")).rename(target.removeprefix("sqlite:///"))
        return
    with _pg_admin(source) as admin:
        admin.execute(f'ALTER DATABASE "{_pg_name(source)}" RENAME TO "{_pg_name(target)}"')


def ensure(database, size, *, path=None, force=False, name="seed", verbose=True):
    """Make the seeded database of `size` claims exist (building it if it does not, or if
    `force`), set Django up on it, migrated, and return its description."""
    url, shown = location(database, size, path)
    if force:
        _drop(url)
    if exists(url):
        os.environ["DATABASE_URL"] = url
        bootstrap.setup(name, database_url=True, test_client=True)
        if verbose:
            print(f"reusing {shown}")
        return shown
    building = _building(url)
    _drop(building)
    _create(building)
    os.environ["DATABASE_URL"] = building
    bootstrap.setup(name, database_url=True, test_client=True)
    started = time.perf_counter()
    counts = fill(size)
    from django.db import connection

    connection.close()
    _rename(building, url)
    connection.settings_dict["NAME"] = (
        url.removeprefix("sqlite:///") if url.startswith("sqlite:") else _pg_name(url)
    )
    if verbose:
        figures = ", ".join(f"{count:,} {table}" for table, count in counts.items())
        print(f"seeded {shown} in {time.perf_counter() - started:.0f} s: {figures}")
    return shown


# --- Writing rows ------------------------------------------------------------------------------


def _json(value):
    return value if isinstance(value, str) else json.dumps(value)


def _sqlite_time(value):
    return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")


class Writer:
    """Rows of one model, written in batches through the database's bulk path. Values are given
    per column name, Python values (datetimes aware, JSON as Python objects); columns left out
    take the field's default."""

    def __init__(self, model):
        from django.db import connection

        self.connection = connection
        self.vendor = connection.vendor
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [field.column for field in self.fields]
        self.defaults = {}
        for field in self.fields:
            if field.has_default():
                self.defaults[field.column] = field.get_default()
            elif field.null:
                self.defaults[field.column] = None
            elif field.get_internal_type() in ("CharField", "TextField", "URLField", "SlugField"):
                self.defaults[field.column] = ""
        # How a value becomes a column's: JSON as text (given as text when encoded already),
        # and on SQLite datetimes as Django stores them there, naive UTC text.
        self.convert = {}
        for field in self.fields:
            kind = field.get_internal_type()
            if kind == "JSONField":
                self.convert[field.column] = _json
            elif kind == "DateTimeField" and self.vendor == "sqlite":
                self.convert[field.column] = _sqlite_time
        self.rows = []
        self.count = 0

    def add(self, **values):
        row = []
        for column in self.columns:
            value = values[column] if column in values else self.defaults[column]
            if value is not None and column in self.convert:
                value = self.convert[column](value)
            row.append(value)
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        table = self.model._meta.db_table
        quoted = ", ".join(f'"{column}"' for column in self.columns)
        raw = self.connection.connection
        if self.vendor == "postgresql":
            statement = f'COPY "{table}" ({quoted}) FROM STDIN'
            with raw.cursor() as cursor, cursor.copy(statement) as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in self.columns)
            raw.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', self.rows)
        self.count += len(self.rows)
        self.rows = []


# --- The content -------------------------------------------------------------------------------


def _regions(rng):
    names = set()
    while len(names) < 80:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).title())
    return sorted(names)


def sentence_pool(rng):
    """POOL distinct sentences, each with what the importer would store for it: score, kind,
    reasons, figures, and the matching index's keys."""
    from factcheck.claims import matching
    from factcheck.claims.extraction import load_model, score
    from factcheck.claims.proposals import figures_of

    model = load_model()
    regions = _regions(rng)
    seen, pool = set(), []
    while len(pool) < POOL:
        region = rng.choice(regions)
        values = {
            "year": rng.randint(1978, 2024),
            "topic": rng.choice(TOPICS),
            "region": region,
            "Region": region,
            "pct": round(rng.uniform(0.5, 40), 1),
            "agency": rng.choice(AGENCIES),
            "count": rng.randint(1_000, 900_000),
            "count2": rng.randint(1_000, 900_000),
            "money": round(rng.uniform(1, 500), 1),
            "years": round(rng.uniform(60, 85), 1),
            "million": rng.randint(2, 800),
            "nth": rng.choice(["second", "third", "fourth", "fifth"]),
        }
        text = rng.choice(TEMPLATES).format(**values)
        if text in seen:
            continue
        seen.add(text)
        scored = score(text, model=model)
        figures = figures_of(text)
        pool.append(
            {
                "text": text,
                "score": round(scored.checkworthiness, 4),
                "kind": scored.kind,
                "reasons": json.dumps(scored.reasons),
                "figures": json.dumps(figures),
                "keys": sorted(matching.keys_for(text, figures)),
                "region": region,
            }
        )
    return pool


def fill(size):
    """Write the database of `size` claims; return the rows written per table."""
    from django.db import connection, transaction

    from factcheck.accounts.models import User
    from factcheck.articles.models import Article, body_sha256
    from factcheck.claims.models import Claim, ClaimMatch, MatchKey, Verdict
    from factcheck.reviews.models import Assignment, Comment, Evidence, Review, Source

    rng = random.Random(SEED)
    pool = sentence_pool(rng)
    if connection.vendor == "sqlite":
        # A database being built under a temporary name: nothing to lose in a crash.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -262144")
    editor = User.objects.create_user("bench-editor", role=User.Role.EDITOR, first_name="Edith")
    reviewers = [
        User.objects.create_user(f"bench-reviewer-{n:02}", role=User.Role.REVIEWER)
        for n in range(REVIEWERS)
    ]
    verdicts = list(Verdict.objects.order_by("order"))
    ratings = [v.pk for v in verdicts if v.is_rating] or [v.pk for v in verdicts]
    others = [v.pk for v in verdicts]
    now = datetime.datetime.now(datetime.UTC)
    first_day = now - datetime.timedelta(days=365)
    statuses, weights = list(STATUSES), list(STATUSES.values())

    writers = {
        model: Writer(model)
        for model in (
            Article,
            Claim,
            Source,
            Assignment,
            Review,
            Evidence,
            Comment,
            MatchKey,
            ClaimMatch,
        )
    }
    articles, claims, sources = (writers[Article], writers[Claim], writers[Source])
    ids = defaultdict(int)

    def next_id(model):
        ids[model] += 1
        return ids[model]

    source_count = max(50, size // 8)
    for n in range(1, source_count + 1):
        publisher, kind = PUBLISHERS[n % len(PUBLISHERS)]
        topic = TOPICS[n % len(TOPICS)]
        sources.add(
            id=n,
            url=f"https://data.example.org/{kind}/report/{n}",
            title=f"Report {n}: {topic}",
            publisher=publisher,
            kind=kind,
            published_on=(first_day - datetime.timedelta(days=n % 2000)).date(),
            added_by_id=reviewers[n % REVIEWERS].pk,
            created_at=first_day,
            version=1,
        )

    first_settled = {}  # pool index -> (article id, claim id) of its first settled claim
    written = 0
    while written < size:
        with transaction.atomic():  # a commit every COMMIT_EVERY claims keeps the log small
            chunk_end = min(size, written + COMMIT_EVERY)
            while written < chunk_end:
                article_id = next_id(Article)
                count = min(rng.randint(20, 50), size - written)
                created = first_day + datetime.timedelta(seconds=31_536_000 * written / size)
                picks = [rng.randrange(POOL) for _ in range(count)]
                title = f"Bench article {article_id}: {pool[picks[0]]['region']} in figures"
                parts = [title]
                offset = len(title) + 2
                spans = []
                for index in picks:
                    text = pool[index]["text"]
                    spans.append((offset, offset + len(text)))
                    parts.append(text)
                    offset += len(text) + 2
                body = "\n\n".join(parts)
                articles.add(
                    id=article_id,
                    title=title,
                    body=body,
                    raw=body,
                    language="en",
                    content_sha256=body_sha256(body),
                    outlet="Bench Daily",
                    author="A. Reporter",
                    published_at=created,
                    imported_by_id=editor.pk,
                    created_at=created,
                    updated_at=created,
                    import_notes=[],
                )
                for paragraph, (index, (start, end)) in enumerate(zip(picks, spans, strict=True)):
                    sentence = pool[index]
                    claim_id = next_id(Claim)
                    status = rng.choices(statuses, weights)[0]
                    manual = rng.random() < 0.05
                    settled = status in ("resolved", "published")
                    final = rng.choice(ratings) if settled else None
                    claims.add(
                        id=claim_id,
                        article_id=article_id,
                        text=sentence["text"],
                        start=start,
                        end=end,
                        paragraph=paragraph + 1,
                        origin="manual" if manual else "suggested",
                        checkworthiness=None if manual else sentence["score"],
                        reasons=[] if manual else sentence["reasons"],
                        figures=sentence["figures"],
                        kind=sentence["kind"],
                        status=status,
                        final_verdict_id=final,
                        normalized=f"{sentence['region']}: {sentence['text']}"
                        if paragraph % 4 == 0
                        else "",
                        claimant="the " + AGENCIES[index % len(AGENCIES)] if index % 3 else "",
                        claimant_kind="organisation" if index % 3 else "",
                        claim_date=created.date(),
                        model_version="" if manual else "bench",
                        dismissal_reason="Not checkable" if status == "dismissed" else "",
                        rationale="Checked against the bureau's tables." if settled else "",
                        resolved_by_id=editor.pk if settled else None,
                        resolved_at=created + datetime.timedelta(days=3) if settled else None,
                        version=1,
                        created_at=created,
                        updated_at=created,
                    )
                    fingerprint = hashlib.sha256(
                        f"{start}:{end}:{sentence['text']}\x00".encode()
                    ).hexdigest()[:16]
                    keys = writers[MatchKey]
                    keys.add(id=next_id(MatchKey), key=f"v:{fingerprint}", claim_id=claim_id)
                    for key in sentence["keys"]:
                        keys.add(id=next_id(MatchKey), key=key, claim_id=claim_id)
                    earlier = first_settled.get(index)
                    if earlier and earlier[0] != article_id and rng.random() < 0.5:
                        writers[ClaimMatch].add(
                            id=next_id(ClaimMatch),
                            claim_id=claim_id,
                            matched_claim_id=earlier[1],
                            relation="same",
                            score=round(rng.uniform(88, 100), 1),
                            differences=[],
                        )
                    elif settled and earlier is None:
                        first_settled[index] = (article_id, claim_id)
                    if status in ("suggested", "open", "dismissed"):
                        continue
                    _review_claim(
                        rng,
                        writers,
                        next_id,
                        claim_id,
                        status,
                        final,
                        created,
                        editor,
                        reviewers,
                        ratings,
                        others,
                        source_count,
                    )
                written += count
            for writer in writers.values():
                writer.flush()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model, last in ids.items():
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), %s)", [last]
                )
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('\"reviews_source\"', 'id'), %s)",
                [source_count],
            )
            cursor.execute("VACUUM ANALYZE")  # visibility map too: index-only scans
        else:
            cursor.execute("ANALYZE")
    return {writer.model._meta.db_table: writer.count for writer in writers.values()}


def _review_claim(
    rng,
    writers,
    next_id,
    claim_id,
    status,
    final,
    created,
    editor,
    reviewers,
    ratings,
    others,
    source_count,
):
    """Two reviewers on a claim under review or settled, their assignments, reviews (drafts
    or submitted), evidence and, now and then, a discussion."""
    from factcheck.reviews.models import Assignment, Comment, Evidence, Review

    if rng.random() < BIG_QUEUE_SHARE:
        pair = [reviewers[0], reviewers[rng.randrange(1, REVIEWERS)]]
    else:
        pair = rng.sample(reviewers[1:], 2)
    settled = status in ("resolved", "published")
    assigned = created + datetime.timedelta(hours=2)
    for position, reviewer in enumerate(pair):
        due = (assigned + datetime.timedelta(days=rng.randint(-30, 30))).date()
        assignment = {
            "id": next_id(Assignment),
            "claim_id": claim_id,
            "reviewer_id": reviewer.pk,
            "assigned_by_id": editor.pk,
            "due_on": due if rng.random() < 0.2 else None,
            "seen_at": assigned if rng.random() < 0.5 else None,
            "created_at": assigned,
            "claim_open": status in ("open", "in_review", "disputed"),
        }
        submitted = assigned + datetime.timedelta(days=1, minutes=position)
        if settled or status == "disputed":
            state = "submitted"
        elif status == "in_review":
            # One submission at most: two would have moved the claim on.
            roll = rng.random()
            state = "submitted" if roll < 0.25 and position == 1 else "draft" if roll < 0.5 else ""
        # The queue reads the assignment's own copy of the submission time.
        writers[Assignment].add(
            **assignment, submitted_at=submitted if state == "submitted" else None
        )
        if not state:
            continue
        if state == "submitted":
            if settled:
                verdict = final if rng.random() < 0.8 else rng.choice(ratings)
            elif status == "disputed":
                verdict = others[position % len(others)]
            else:
                verdict = rng.choice(others)
        else:
            verdict = rng.choice(others) if rng.random() < 0.5 else None
        review_id = next_id(Review)
        writers[Review].add(
            id=review_id,
            claim_id=claim_id,
            reviewer_id=reviewer.pk,
            verdict_id=verdict,
            confidence=rng.choice(["low", "medium", "high"]) if verdict else "",
            rationale="The bureau's table gives another figure." if verdict else "",
            status=state,
            submitted_at=submitted if state == "submitted" else None,
            reference_figures=[],
            version=rng.randint(1, 6),
            created_at=assigned,
            updated_at=submitted,
        )
        for _ in range(rng.randint(1, 2) if state == "submitted" else rng.randint(0, 1)):
            writers[Evidence].add(
                id=next_id(Evidence),
                review_id=review_id,
                source_id=1 + int(source_count * rng.random() ** 3),
                quote=rng.choice(QUOTES),
                stance=rng.choice(["supports", "refutes", "context"]),
                accessed_on=submitted.date(),
                note="",
                published=status == "published",
                submission_key="",
                created_at=submitted,
            )
    if rng.random() < 0.05:
        for turn in range(rng.randint(1, 3)):
            author = (editor, *pair)[turn % 3]
            writers[Comment].add(
                id=next_id(Comment),
                claim_id=claim_id,
                author_id=author.pk,
                body=rng.choice(COMMENTS),
                created_at=assigned + datetime.timedelta(hours=turn + 1),
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="number of claims")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--path", help="SQLite: the database file (default bench/out/)")
    parser.add_argument("--force", action="store_true", help="build it again if it exists")
    args = parser.parse_args()
    ensure(args.database, args.size, path=args.path, force=args.force)


if __name__ == "__main__":
    main()
