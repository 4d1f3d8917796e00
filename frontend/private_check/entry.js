// The private check in the browser, bundled into assets/private_check.js
// (`make private-check-bundle`). RFC 9497 VOPRF, ristretto255-SHA512:
// the device blinds every reading of what she typed, the server evaluates
// blindly and proves it used its published key, the device unblinds, derives
// tag and key exactly as uglymugs_app/services/private_check/oprf.py does,
// and looks the tag up in the table it downloaded. Only blinded points ever
// leave the device.
import { ristretto255_oprf } from "@noble/curves/ed25519.js";
import { candidates, clean, IdentifierError, phoneReadings } from "./candidates.js";
import { described, maskPhone } from "./masking.js";

const ELEMENTS_PER_CHECK = 16;
const encoder = new TextEncoder();
const TAG_LABEL = encoder.encode("uglymugs check tag");
const SEAL_LABEL = encoder.encode("uglymugs check seal");
const SEAL_AAD = encoder.encode("uglymugs check warning");
const voprf = ristretto255_oprf.voprf;

function toBase64(bytes) {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

function joined(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether this device can do the check privately (WebCrypto and a secure RNG). */
export function available() {
  return !!(globalThis.crypto && crypto.subtle && crypto.getRandomValues && globalThis.TextEncoder);
}

/** Blind her readings, padded with random fillers to ELEMENTS_PER_CHECK. */
export function blindReadings(identifiers) {
  const inputs = identifiers.slice(0, ELEMENTS_PER_CHECK).map((i) => encoder.encode(`${i.kind}:${i.value}`));
  while (inputs.length < ELEMENTS_PER_CHECK) inputs.push(crypto.getRandomValues(new Uint8Array(16)));
  const blinds = inputs.map((input) => voprf.blind(input));
  return {
    blinded: blinds.map((b) => toBase64(b.blinded)),
    secret: { inputs, blinds, identifiers: identifiers.slice(0, ELEMENTS_PER_CHECK) },
  };
}

/** Index the downloaded table by tag. */
export function indexTable(table) {
  const byTag = new Map();
  for (const [tag, sealed] of table.rows) {
    if (!byTag.has(tag)) byTag.set(tag, []);
    byTag.get(tag).push(sealed);
  }
  return { keyId: table.key_id, publicKey: fromBase64(table.public_key), byTag };
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

async function openSealed(output, sealed) {
  const raw = fromBase64(sealed);
  const key = await crypto.subtle.importKey("raw", await sha256(joined(SEAL_LABEL, output)), "AES-GCM", false, ["decrypt"]);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: raw.slice(0, 12), additionalData: SEAL_AAD }, key, raw.slice(12));
    return Number(new TextDecoder().decode(plain));
  } catch (e) {
    return null; // a row with the same short tag, for another input
  }
}

/** Verify the proof, unblind, and find her readings in the table.
 * Returns { warnings: [id...], matched: [identifier...] }; throws if the
 * proof does not verify against the table's key. */
export async function finishCheck(secret, answer, table) {
  if (answer.key_id !== table.keyId) throw new Error("key changed");
  const items = secret.inputs.map((input, i) => ({
    input,
    blind: secret.blinds[i].blind,
    blinded: secret.blinds[i].blinded,
    evaluated: fromBase64(answer.evaluated[i]),
  }));
  const outputs = voprf.finalizeBatch(items, table.publicKey, fromBase64(answer.proof));
  const warnings = new Set(), matched = [];
  for (let i = 0; i < secret.identifiers.length; i++) {
    const tag = hex((await sha256(joined(TAG_LABEL, outputs[i]))).slice(0, 8));
    for (const sealed of table.byTag.get(tag) || []) {
      const id = await openSealed(outputs[i], sealed);
      if (id !== null) {
        warnings.add(id);
        matched.push(secret.identifiers[i]);
      }
    }
  }
  return { warnings: [...warnings], matched };
}

globalThis.umPrivate = {
  ELEMENTS_PER_CHECK, available, candidates, clean, described, maskPhone, phoneReadings,
  IdentifierError, blindReadings, indexTable, finishCheck, voprf, toBase64, fromBase64, hex,
};
