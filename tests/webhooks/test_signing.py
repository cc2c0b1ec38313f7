"""The signature a receiver checks: HMAC-SHA256 over the timestamp and the body."""

import hashlib
import hmac
from pathlib import Path

from factcheck.api.webhooks.signing import sign, verify_signature

SECRET = "whsec_test-secret"
BODY = b'{"id": "1", "event": "claim.published", "data": {}}'
NOW = 1_800_000_000


def test_the_header_is_a_timestamp_and_an_hmac_of_timestamp_dot_body():
    header = sign(SECRET, BODY, timestamp=NOW)
    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert header == f"t={NOW},v1={expected}"


def test_a_signature_made_now_verifies():
    assert verify_signature(SECRET, sign(SECRET, BODY), BODY)


def test_a_changed_body_does_not_verify():
    header = sign(SECRET, BODY, timestamp=NOW)
    assert not verify_signature(SECRET, header, BODY.replace(b"1", b"2"), now=NOW)


def test_another_secret_does_not_verify():
    header = sign("whsec_other", BODY, timestamp=NOW)
    assert not verify_signature(SECRET, header, BODY, now=NOW)


def test_a_signature_older_than_the_tolerance_is_refused():
    header = sign(SECRET, BODY, timestamp=NOW)
    assert verify_signature(SECRET, header, BODY, tolerance=300, now=NOW + 300)
    assert not verify_signature(SECRET, header, BODY, tolerance=300, now=NOW + 301)
    assert not verify_signature(SECRET, header, BODY, tolerance=300, now=NOW - 301)


def test_a_moved_timestamp_does_not_verify():
    signature = sign(SECRET, BODY, timestamp=NOW).split(",")[1]
    assert not verify_signature(SECRET, f"t={NOW + 1},{signature}", BODY, now=NOW)


def test_any_of_several_signatures_may_match():
    good = sign(SECRET, BODY, timestamp=NOW).split(",")[1]
    assert verify_signature(SECRET, f"t={NOW},v1=00ff,{good}", BODY, now=NOW)


def test_malformed_headers_do_not_verify():
    for header in ["", "garbage", f"t={NOW}", "v1=abc", "t=soon,v1=abc", f"t={NOW},v1=é"]:
        assert not verify_signature(SECRET, header, BODY, now=NOW), header


def test_the_readme_snippet_verifies_our_signatures():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    [snippet] = [
        block.split("```", 1)[0]
        for block in readme.split("```python\n")[1:]
        if "def verify(" in block
    ]
    namespace = {}
    exec(snippet, namespace)
    verify = namespace["verify"]
    assert verify(SECRET, sign(SECRET, BODY), BODY)
    assert not verify(SECRET, sign(SECRET, BODY), BODY + b" ")
    assert not verify(SECRET, sign(SECRET, BODY, timestamp=NOW), BODY)  # far from now
