"""Signing a webhook's body, and checking a signature (the receiver's side, as the README shows).

The header is `X-Factcheck-Signature: t=<unix time>,v1=<hex>` where `<hex>` is
HMAC-SHA256(secret, f"{t}.{body}") over the exact bytes of the body: the timestamp is signed
too, so an old delivery replayed by someone who caught it is refused once `tolerance` has passed.
A header may carry several `v1=` values (one per secret while a secret is being changed).
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Factcheck-Signature"
EVENT_HEADER = "X-Factcheck-Event"
DELIVERY_HEADER = "X-Factcheck-Delivery"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, *, timestamp: int | None = None) -> str:
    """The value of the X-Factcheck-Signature header for `body`, signed now (or at `timestamp`)."""
    t = int(time.time()) if timestamp is None else timestamp
    return f"t={t},v1={signature(secret, t, body)}"


def verify_signature(
    secret: str, header: str, body: bytes, tolerance: int = 300, *, now: float | None = None
) -> bool:
    """Whether `header` (X-Factcheck-Signature's value) signs `body` with `secret`, at a time
    no more than `tolerance` seconds away from now."""
    timestamp = None
    candidates = []
    for part in (header or "").split(","):
        key, _sep, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        return False
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(
        hmac.compare_digest(expected.encode(), candidate.encode()) for candidate in candidates
    )
