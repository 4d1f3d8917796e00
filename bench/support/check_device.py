"""The check page's browser side, played in Python for the load bench.

What ``assets/check.js`` and ``assets/private_check.js`` do, with the same
services and the same ``voprf`` suite: keep the table the page's ``load``
hands over (``window.umCheck.setup``), read every candidate form of what she
typed as the server would (``services/identifiers/candidates.py``), blind
them padded to ``ELEMENTS_PER_CHECK`` with random fillers, and with the
server's evaluation (``window.umCheck.evaluated``) verify the batch proof,
unblind, look each tag up in the table and open the sealed warning ids.
"""

from __future__ import annotations

import base64
import json
import os
import re
from dataclasses import dataclass

from voprf import ristretto

from bench.support.reflex_async import Update, called_scripts
from uglymugs_app.services.identifiers.candidates import candidates
from uglymugs_app.services.private_check import oprf
from uglymugs_app.services.private_check.evaluation import ELEMENTS_PER_CHECK

# CheckState writes ``window.umCheck && window.umCheck.<method>(<JSON>)``.
_CALL = re.compile(r"^window\.umCheck && window\.umCheck\.(\w+)\((.*)\)$", re.S)


def check_scripts(update: Update) -> list[tuple[str, dict]]:
    """The ``umCheck`` calls an update carries: (method, JSON argument), in order."""
    calls = []
    for code in called_scripts(update):
        match = _CALL.match(code)
        if match:
            calls.append((match[1], json.loads(match[2]) if match[2] else {}))
    return calls


def setup_in(update: Update) -> dict | None:
    """The argument of ``umCheck.setup`` in an update (the page opened), if any."""
    return next((arg for method, arg in check_scripts(update) if method == "setup"), None)


def answer_in(update: Update, seq: str) -> tuple[str, dict] | None:
    """("evaluated" | "refused", argument) for the check numbered ``seq``, if any."""
    for method, arg in check_scripts(update):
        if method in ("evaluated", "refused") and arg.get("seq") == seq:
            return method, arg
    return None


@dataclass(frozen=True)
class DeviceTable:
    """The table as the page holds it: rows indexed by tag."""

    key_id: str
    public_key: ristretto.PublicKey
    by_tag: dict[str, list[bytes]]
    version: str
    country: str

    @classmethod
    def from_setup(cls, setup: dict) -> DeviceTable:
        table = setup["table"]
        by_tag: dict[str, list[bytes]] = {}
        for tag, sealed in table["rows"]:
            by_tag.setdefault(tag, []).append(base64.b64decode(sealed))
        return cls(
            key_id=table["key_id"],
            public_key=ristretto.PublicKey.deserialize(base64.b64decode(table["public_key"])),
            by_tag=by_tag,
            version=table["version"],
            country=setup.get("country") or "",
        )


@dataclass(frozen=True)
class BlindedCheck:
    """One check's blinded elements (base64, for the form) and their secrets."""

    clients: list[ristretto.Client]
    blinded: list[str]
    readings: int  # how many of the elements are readings of her input


def blind_check(raw: str, *, country: str) -> BlindedCheck:
    """Every reading of ``raw`` blinded, padded with random fillers to a full check."""
    inputs = [oprf.oprf_input(i) for i in candidates(raw, country=country)][:ELEMENTS_PER_CHECK]
    readings = len(inputs)
    inputs += [os.urandom(16) for _ in range(ELEMENTS_PER_CHECK - readings)]
    pairs = [ristretto.Client.blind(value) for value in inputs]
    return BlindedCheck(
        clients=[client for client, _ in pairs],
        blinded=[base64.b64encode(element.serialize()).decode() for _, element in pairs],
        readings=readings,
    )


def finish_check(check: BlindedCheck, answer: dict, table: DeviceTable) -> set[int]:
    """The warning ids the evaluation finds in the table; ``ValueError`` when
    the key changed or the proof does not verify (the page shows "failed")."""
    if answer.get("key_id") != table.key_id:
        raise ValueError("key changed")
    evaluated = b"".join(base64.b64decode(element) for element in answer["evaluated"])
    try:
        outputs = ristretto.Client.finalize_batch(
            check.clients,
            ristretto.VerifiableBatchOutput.deserialize(
                base64.b64decode(answer["proof"]) + evaluated
            ),
            table.public_key,
        )
    except BaseException as error:
        # A proof that does not verify makes the bindings panic: pyo3's
        # PanicException, which derives from BaseException.
        if type(error).__name__ != "PanicException" and not isinstance(error, Exception):
            raise
        raise ValueError("proof not verified") from error
    found: set[int] = set()
    for output in outputs[: check.readings]:
        for sealed in table.by_tag.get(oprf.tag_of(output), []):
            try:
                found.add(oprf.open_warning_id(output, sealed))
            except Exception:  # noqa: BLE001  (a tag collision: another row's box)
                continue
    return found
