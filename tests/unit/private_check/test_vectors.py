"""RFC 9497, appendix A.1.2: ristretto255-SHA512 in verifiable mode, through
the server's bindings. (The browser bundle is held to the same vectors in
tests/browser/test_private_check_protocol.py.)"""

from voprf import ristretto

SEED = bytes([0xA3]) * 32
KEY_INFO = bytes.fromhex("74657374206b6579")
PK = "c803e2cc6b05fc15064549b5920659ca4a77b2cca6f04f6b357009335476ad4e"
OUTPUT_1 = (
    "b58cfbe118e0cb94d79b5fd6a6dafb98764dff49c14e1770b566e42402da1a7d"
    "a4d8527693914139caee5bd03903af43a491351d23b430948dd50cde10d32b3c"
)
OUTPUT_2 = (
    "8a9a2f3c7f085b65933594309041fc1898d42d0858e59f90814ae90571a6df60"
    "356f4610bf816f27afdd84f47719e480906d27ecd994985890e5f539e7ea74b6"
)
INPUT_1, INPUT_2 = bytes([0]), bytes([0x5A]) * 17


def test_derived_key_pair_is_the_rfc_one():
    evaluator = ristretto.Evaluator.from_seed(SEED, KEY_INFO)
    assert evaluator.public_key.serialize().hex() == PK


def test_known_inputs_give_the_rfc_outputs():
    evaluator = ristretto.Evaluator.from_seed(SEED, KEY_INFO)
    assert evaluator.evaluate_known_input(INPUT_1).hex() == OUTPUT_1
    assert evaluator.evaluate_known_input(INPUT_2).hex() == OUTPUT_2


def test_blinded_batch_of_two_verifies_and_gives_the_rfc_outputs():
    """Test vector 3 (batch size 2); the blinds are random here, the outputs are not."""
    evaluator = ristretto.Evaluator.from_seed(SEED, KEY_INFO)
    pairs = [ristretto.Client.blind(INPUT_1), ristretto.Client.blind(INPUT_2)]
    batch = evaluator.evaluate_batch([blinded for _, blinded in pairs])
    outputs = ristretto.Client.finalize_batch(
        [client for client, _ in pairs], batch, ristretto.PublicKey.deserialize(bytes.fromhex(PK))
    )
    assert [o.hex() for o in outputs] == [OUTPUT_1, OUTPUT_2]


def test_a_proof_under_another_key_is_refused():
    evaluator = ristretto.Evaluator.from_seed(bytes([1]) * 32, KEY_INFO)
    client, blinded = ristretto.Client.blind(INPUT_1)
    output = evaluator.evaluate(blinded)
    try:
        client.finalize(output, ristretto.PublicKey.deserialize(bytes.fromhex(PK)))
    except Exception:
        return
    raise AssertionError("a proof under another key verified")
