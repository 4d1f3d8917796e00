"""One private check on the server: blinded elements in, evaluations and a
proof out, counted against her limits exactly as the plain check was.

The server sees only blinded ristretto255 points: uniformly random to it,
whatever she typed. What counts is the check, not the element: the plain
check looked up every reading of one input (up to 15: a handle on each of
the 14 platforms, or a plate) as one check, so here one request of at most
``ELEMENTS_PER_CHECK`` elements is one check. The page always sends exactly
that many (her readings, then random fillers), so the count says nothing
about what she typed. A client that sends more is refused uncounted; one
that splits its guesses over more requests spends more checks.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from uglymugs_app.services.actors import VERIFIED, Actor, require
from uglymugs_app.services.errors import InvalidInput
from uglymugs_app.services.private_check import oprf
from uglymugs_app.services.security.instance_secrets import InstanceSecrets
from uglymugs_app.services.warnings.check import count_check
from uglymugs_app.settings import Settings

ELEMENTS_PER_CHECK = 16


@dataclass(frozen=True)
class Evaluation:
    """The server's answer: evaluated elements (base64, in order), one batch
    DLEQ proof (base64), the key id they are under, checks left."""

    key_id: str
    evaluated: list[str]
    proof: str
    left: int


def evaluate_check(
    session: Session,
    *,
    actor: Actor,
    secrets: InstanceSecrets,
    settings: Settings,
    blinded: list[str],
    now: datetime | None = None,
) -> Evaluation:
    """Evaluate one check's blinded elements; one check against her limits.

    Refused with ``InvalidInput("private_check.invalid")`` (not counted) for
    anything but 1 to ``ELEMENTS_PER_CHECK`` valid points, and with
    ``CheckRateLimited`` when she used her checks.
    """
    require(actor, *VERIFIED)
    try:
        inputs = oprf.parse_blinded(_decoded(blinded)) if _shape_ok(blinded) else []
    except ValueError:
        inputs = []
    if not inputs:
        raise InvalidInput("private_check.invalid")
    left = count_check(session, settings=settings, member_id=actor.member_id, now=now)
    evaluated, proof = oprf.evaluate_blinded(secrets.oprf_seed, inputs)
    return Evaluation(
        key_id=secrets.oprf_key_id,
        evaluated=[base64.b64encode(element).decode() for element in evaluated],
        proof=base64.b64encode(proof).decode(),
        left=left,
    )


def _shape_ok(blinded: object) -> bool:
    return (
        isinstance(blinded, list)
        and 1 <= len(blinded) <= ELEMENTS_PER_CHECK
        and all(isinstance(element, str) and len(element) == 44 for element in blinded)
    )


def _decoded(blinded: list[str]) -> list[bytes]:
    try:
        return [base64.b64decode(element, validate=True) for element in blinded]
    except (binascii.Error, ValueError):
        return []
