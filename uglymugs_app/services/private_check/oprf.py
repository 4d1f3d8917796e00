"""The OPRF and what both sides derive from its output.

Suite: RFC 9497 ristretto255-SHA512 in verifiable mode (VOPRF), through the
``voprf`` bindings. The browser (assets/private_check/entry.js) derives the
same tag and key from the same output; the labels below are the contract
between the two and must never change without a new key id.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from voprf import ristretto

from uglymugs_app.services.identifiers.kinds import Identifier

# The seed becomes the key pair through RFC 9497 DeriveKeyPair with this info.
KEY_INFO = b"uglymugs check key"
TAG_LABEL = b"uglymugs check tag"
SEAL_LABEL = b"uglymugs check seal"
SEAL_AAD = b"uglymugs check warning"
TAG_BYTES = 8  # short: a collision only costs the browser one more decryption
ELEMENT_BYTES = 32
PROOF_BYTES = 64


def oprf_input(identifier: Identifier) -> bytes:
    """What is evaluated: the kind and the normalised value (``phone:+316...``)."""
    return f"{identifier.kind.value}:{identifier.value}".encode()


@lru_cache(maxsize=4)
def evaluator(seed: bytes) -> ristretto.Evaluator:
    """The server's key pair for one seed (RFC 9497 DeriveKeyPair)."""
    return ristretto.Evaluator.from_seed(seed, KEY_INFO)


def public_key(seed: bytes) -> bytes:
    """pkS, serialised: the browser verifies every proof against it."""
    return evaluator(seed).public_key.serialize()


def output_for(seed: bytes, identifier: Identifier) -> bytes:
    """The OPRF output of a known identifier (RFC 9497 Evaluate)."""
    return evaluator(seed).evaluate_known_input(oprf_input(identifier))


def tag_of(output: bytes) -> str:
    """The row's short tag (hex) derived from the OPRF output."""
    return hashlib.sha256(TAG_LABEL + output).digest()[:TAG_BYTES].hex()


def seal_key(output: bytes) -> bytes:
    """The AES-256-GCM key the row's warning id is sealed under."""
    return hashlib.sha256(SEAL_LABEL + output).digest()


def seal_warning_id(output: bytes, warning_id: int) -> bytes:
    """nonce (12 bytes) ‖ AES-GCM(seal_key(output), str(warning_id))."""
    nonce = os.urandom(12)
    return nonce + AESGCM(seal_key(output)).encrypt(nonce, str(warning_id).encode(), SEAL_AAD)


def open_warning_id(output: bytes, sealed: bytes) -> int:
    """The inverse of ``seal_warning_id`` (tests and the benchmark play the browser)."""
    plain = AESGCM(seal_key(output)).decrypt(sealed[:12], sealed[12:], SEAL_AAD)
    return int(plain.decode())


def parse_blinded(blinded: list[bytes]) -> list[ristretto.BlindedInput]:
    """The blinded elements as points; ``ValueError`` for any that is none."""
    try:
        return [ristretto.BlindedInput.deserialize(element) for element in blinded]
    except Exception as error:  # the bindings raise their own exception types
        raise ValueError("invalid blinded element") from error


def evaluate_blinded(
    seed: bytes, inputs: list[ristretto.BlindedInput]
) -> tuple[list[bytes], bytes]:
    """BlindEvaluate a batch: the evaluated elements and one DLEQ proof."""
    batch = evaluator(seed).evaluate_batch(inputs).serialize()
    # The bindings write the proof, then the evaluated elements in order.
    proof, rest = batch[:PROOF_BYTES], batch[PROOF_BYTES:]
    elements = [rest[i : i + ELEMENT_BYTES] for i in range(0, len(rest), ELEMENT_BYTES)]
    if len(elements) != len(inputs):
        raise ValueError("unexpected batch output")
    return elements, proof
