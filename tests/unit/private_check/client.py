"""A member's device played in Python (voprf's client), for service tests."""

from __future__ import annotations

import base64
import os

from voprf import ristretto

from uglymugs_app.services.identifiers.kinds import Identifier
from uglymugs_app.services.private_check import oprf
from uglymugs_app.services.private_check.evaluation import ELEMENTS_PER_CHECK, evaluate_check
from uglymugs_app.services.private_check.table import CheckTable


def blinded_check(identifiers: list[Identifier]):
    """Blinded elements for her readings, padded with random fillers as the page does."""
    inputs = [oprf.oprf_input(i) for i in identifiers]
    inputs += [os.urandom(16) for _ in range(ELEMENTS_PER_CHECK - len(inputs))]
    pairs = [ristretto.Client.blind(value) for value in inputs]
    return pairs, [base64.b64encode(b.serialize()).decode() for _, b in pairs]


def private_check(session, *, actor, secrets, settings, table: CheckTable, identifiers, now=None):
    """The warning ids the table gives for these readings, as the browser finds them."""
    pairs, blinded = blinded_check(identifiers)
    answer = evaluate_check(
        session, actor=actor, secrets=secrets, settings=settings, blinded=blinded, now=now
    )
    proof = base64.b64decode(answer.proof)
    elements = b"".join(base64.b64decode(e) for e in answer.evaluated)
    outputs = ristretto.Client.finalize_batch(
        [client for client, _ in pairs],
        ristretto.VerifiableBatchOutput.deserialize(proof + elements),
        ristretto.PublicKey.deserialize(base64.b64decode(table.public_key)),
    )
    found: list[int] = []
    for output in outputs[: len(identifiers)]:
        tag = oprf.tag_of(output)
        found += [
            oprf.open_warning_id(output, base64.b64decode(sealed))
            for row_tag, sealed in table.rows
            if row_tag == tag
        ]
    return found
