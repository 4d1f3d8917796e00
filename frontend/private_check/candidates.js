// Everything an input to the check could be, in the browser: the same rules
// as uglymugs_app/services/identifiers (normalisation.py, links.py,
// candidates.py, countries.py), so the OPRF input a device makes for a
// number is byte for byte the one the server made for the report.
// tests/unit/private_check/test_parity.py holds the two to the same output.
import parsePhoneNumber from "libphonenumber-js/max";

export const MAX_RAW_LENGTH = 254;
const MAX_PASTE = 4 * MAX_RAW_LENGTH;
export const HANDLE_PLATFORMS = [
  "whatsapp", "telegram", "signal", "snapchat", "instagram", "x", "facebook",
  "tiktok", "onlyfans", "kinky", "sexjobs", "hookers", "redlights", "other",
];
const CLIENT_COUNTRIES = new Set([
  "NL", "BE", "DE", "FR", "GB", "IE", "RO", "BG", "HU", "PL", "CZ", "SK", "UA", "ES",
  "PT", "IT", "BR", "CO", "DO", "VE", "TH", "PH", "NG", "GH", "MA", "TR", "SR",
]);
const DEFAULT_REGION = "NL";
const CHECKABLE = ["phone", "email", "handle", "plate"];

export class IdentifierError extends Error {
  constructor(key) { super(key); this.key = key; }
}

// Python's str.isspace().
const SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const HIDDEN_CHAR = /[\p{Cf}\p{Cc}]/u;
const DIGIT = /\p{Nd}/u;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g;

function codePoints(text) { return Array.from(text); }

function decimal(ch) {
  // Decimal digits come in runs of ten: its value is its place in the run.
  let cp = ch.codePointAt(0), start = cp;
  while (start > cp - 9 && DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return String((cp - start) % 10);
}

export function clean(raw) {
  const text = codePoints(raw || "").slice(0, MAX_PASTE).join("").normalize("NFKC");
  let kept = "";
  for (const ch of text) {
    if (SPACE.test(ch)) kept += " ";
    else if (HIDDEN_CHAR.test(ch)) continue;
    else if (ch.codePointAt(0) > 127 && DIGIT.test(ch)) kept += decimal(ch);
    else kept += ch;
  }
  return kept.replace(DASHES, "-").split(" ").filter(Boolean).join(" ");
}

// --- links (links.py) ---
const SCHEMES = { tel: "phone", sms: "phone", smsto: "phone", callto: "phone", mailto: "email" };
const SITES = {
  "wa.me": "whatsapp", "api.whatsapp.com": "whatsapp", "web.whatsapp.com": "whatsapp",
  "t.me": "telegram", "telegram.me": "telegram", "instagram.com": "instagram",
  "x.com": "x", "twitter.com": "x", "tiktok.com": "tiktok", "onlyfans.com": "onlyfans",
  "snapchat.com": "snapchat", "facebook.com": "facebook",
};
const SITE_RE = /^(?:https?:\/\/)?(?:www\.|m\.|mobile\.)?([a-z0-9.-]+)(\/\S*)?$/i;
const W = "\\p{L}\\p{N}\\p{M}_";
const PIECES = [
  new RegExp(`(?:https?://|(?<![${W}])(?:wa|t)\\.me/|(?<![${W}])(?:tel|sms|smsto|callto|mailto):)\\S+`, "giu"),
  /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi,
  new RegExp(`(?<![${W}+])\\+?\\(?[0-9][0-9 \\-./()]{4,}[0-9](?![${W}])`, "gu"),
  new RegExp(`(?<![${W}@])@[a-z0-9._\\-]{2,64}`, "giu"),
  new RegExp(
    `(?<![${W}-])(?=[a-z0-9-]*[a-z])(?=[a-z0-9-]*[0-9])[a-z0-9]{1,3}(?:-[a-z0-9]{1,3}){2}(?![${W}-])`,
    "giu"),
];
const TRAILING = ".,;:!?)]}>\"'";
const PAIRS = new Set(["<>", "()", "[]", '""', "''", "\u201c\u201d"]);

function unquote(text) {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try { return decodeURIComponent(run); } catch (e) { return run; }
  });
}

function rstrip(text, chars) {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

function lstrip(text, chars) {
  let start = 0;
  while (start < text.length && chars.includes(text[start])) start += 1;
  return text.slice(start);
}

function pyStrip(text) {
  let chars = codePoints(text), a = 0, b = chars.length;
  while (a < b && SPACE.test(chars[a])) a += 1;
  while (b > a && SPACE.test(chars[b - 1])) b -= 1;
  return chars.slice(a, b).join("");
}

export function unwrap(input) {
  let text = input;
  for (;;) {
    const chars = codePoints(text);
    if (chars.length < 2 || !PAIRS.has(chars[0] + chars[chars.length - 1])) break;
    text = pyStrip(chars.slice(1, -1).join(""));
  }
  const colon = text.indexOf(":");
  if (colon >= 0) {
    const scheme = text.slice(0, colon).toLowerCase();
    if (Object.prototype.hasOwnProperty.call(SCHEMES, scheme)) {
      const rest = text.slice(colon + 1).split("?")[0].split(";")[0];
      return { text: lstrip(pyStrip(unquote(rest)), "/"), kind: SCHEMES[scheme], platform: null };
    }
  }
  const site = SITE_RE.exec(text);
  const platform = site ? SITES[site[1].toLowerCase()] : undefined;
  if (!site || !platform) return { text, kind: null, platform: null };
  const rest = site[2] || "";
  const path = rest.split(/[?#]/)[0];
  const query = rest.includes("?") ? rest.slice(rest.indexOf("?") + 1).split("#")[0] : "";
  let phone = "";
  for (const pair of query.split("&")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const key = unquote(pair.slice(0, eq).replace(/\+/g, " "));
    const value = unquote(pair.slice(eq + 1).replace(/\+/g, " "));
    if (key === "phone" && value && !phone) phone = value;
  }
  let segments = path.split("/").filter(Boolean).map(unquote);
  if (platform === "snapchat" && segments[0] === "add") segments = segments.slice(1);
  const value = phone || (segments.length ? segments[0] : "");
  if (platform === "whatsapp" || value.startsWith("+")) {
    const digits = codePoints(value).filter((ch) => /\p{Nd}/u.test(ch)).join("");
    return { text: digits ? "+" + digits : "", kind: "phone", platform: null };
  }
  return { text: lstrip(value, "@"), kind: "handle", platform };
}

export function singlePiece(input) {
  let rest = input;
  const found = [];
  for (const pattern of PIECES) {
    for (const match of rest.matchAll(pattern)) found.push(rstrip(match[0], TRAILING));
    rest = rest.replace(pattern, " ");
  }
  const distinct = [...new Set(found.filter(Boolean))];
  if (distinct.length > 1) throw new IdentifierError("identifier.several");
  return distinct.length ? distinct[0] : null;
}

// --- normalisation (normalisation.py) ---
const HANDLE_RE = /^[a-z0-9._\-+]{1,64}$/;
const PHONE_CHARS_RE = /^\+?[0-9()\-./\s]+$/;
const DOT_BLIND_DOMAINS = { "gmail.com": "gmail.com", "googlemail.com": "gmail.com" };

export function prepare(raw, kind = "identifier") {
  const prepared = unwrap(clean(raw));
  if (!prepared.text || codePoints(prepared.text).length > MAX_RAW_LENGTH) {
    throw new IdentifierError(`identifier.${kind}.invalid`);
  }
  return prepared;
}

function isPhoneShaped(text) {
  return PHONE_CHARS_RE.test(text) && /[0-9]/.test(text);
}

export function readingOrder(country) {
  const first = CLIENT_COUNTRIES.has(country) ? country : DEFAULT_REGION;
  return [...new Set([first, DEFAULT_REGION])];
}

function validE164(text, regions) {
  const found = [];
  for (const region of regions) {
    let number;
    try {
      number = region ? parsePhoneNumber(text, region) : parsePhoneNumber(text);
    } catch (e) {
      continue;
    }
    if (number && number.isValid()) found.push(number.number);
  }
  return found;
}

export function phoneReadings(input, country) {
  let text = input;
  const compact = text.replace(/ /g, "");
  if (compact.startsWith("00")) text = "+" + compact.slice(2);
  if (text.startsWith("+")) return validE164(text, [null]);
  let readings = validE164(text, readingOrder(country));
  const digits = text.replace(/[^0-9]/g, "");
  if (!digits.startsWith("0") && digits.length >= 10) {
    readings = readings.concat(validE164("+" + digits, [null]));
  }
  return [...new Set(readings)];
}

const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uffff";
const LOCAL_RE = new RegExp(`^[${ATEXT}]+(?:\\.[${ATEXT}]+)*$`);
const LABEL_RE = /^[a-z0-9\u00a0-\uffff](?:[a-z0-9\u00a0-\uffff-]*[a-z0-9\u00a0-\uffff])?$/;
const SPECIAL_USE = new Set(["arpa", "invalid", "local", "localhost", "onion", "test"]);

function plainEmail(raw) {
  const text = prepare(raw, "email").text;
  const at = text.lastIndexOf("@");
  const invalid = new IdentifierError("identifier.email.invalid");
  if (at < 1) throw invalid;
  const local = text.slice(0, at).normalize("NFC");
  const domain = text.slice(at + 1).normalize("NFC").toLowerCase();
  if (!LOCAL_RE.test(local) || codePoints(local).length > 64) throw invalid;
  const labels = domain.split(".");
  if (labels.length < 2 || labels.some((label) => label.length > 63 || !LABEL_RE.test(label))) {
    throw invalid;
  }
  const tld = labels[labels.length - 1];
  if (/^[0-9]+$/.test(tld) || SPECIAL_USE.has(tld)) throw invalid;
  return (local + "@" + domain).toLowerCase();
}

export function normaliseEmail(raw) {
  const plain = plainEmail(raw);
  const at = plain.lastIndexOf("@");
  let local = plain.slice(0, at), domain = plain.slice(at + 1);
  if (Object.prototype.hasOwnProperty.call(DOT_BLIND_DOMAINS, domain)) {
    local = local.split("+")[0].replace(/\./g, "");
    domain = DOT_BLIND_DOMAINS[domain];
    if (!local) throw new IdentifierError("identifier.email.invalid");
  }
  return `${local}@${domain}`;
}

function normaliseHandle(raw, platform) {
  if (!HANDLE_PLATFORMS.includes(platform)) throw new IdentifierError("identifier.handle.platform");
  const handle = lstrip(prepare(raw, "handle").text.toLowerCase(), "@");
  if (!HANDLE_RE.test(handle)) throw new IdentifierError("identifier.handle.invalid");
  return `${platform}:${handle}`;
}

function normalisePlate(raw) {
  const text = prepare(raw, "plate").text.normalize("NFKD").toUpperCase();
  const plate = codePoints(text).filter((ch) => /^[A-Z0-9]$/.test(ch)).join("");
  if (plate.length < 2 || plate.length > 10) throw new IdentifierError("identifier.plate.invalid");
  return plate;
}

// --- candidates (candidates.py) ---
const PLATE_RE = /^[a-z0-9]{1,8}(?:[\s\-.][a-z0-9]{1,4}){0,3}$/i;

function identifier(kind, value) { return { kind, value }; }

function dedupe(list) {
  const seen = new Set();
  return list.filter((i) => {
    const key = i.kind + ":" + i.value;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function plausibleKinds(text, linked) {
  if (linked) return [linked];
  if (lstrip(text, "@").includes("@")) return ["email"];
  if (text.startsWith("@")) return ["handle"];
  if (isPhoneShaped(text)) return ["phone"];
  const kinds = [];
  const compact = text.replace(/[\s\-.]/g, "");
  if (PLATE_RE.test(text) && compact.length >= 4 && compact.length <= 8 &&
      /[0-9]/.test(compact) && /[a-z]/i.test(compact)) kinds.push("plate");
  kinds.push("handle");
  return kinds;
}

function eachPlatform(text, platforms) {
  let first;
  try {
    first = normaliseHandle(text, platforms[0]);
  } catch (e) {
    if (e instanceof IdentifierError) return [];
    throw e;
  }
  const handle = first.slice(first.indexOf(":") + 1);
  return platforms.map((name) => identifier("handle", `${name}:${handle}`));
}

function readings(text, kind, platform, country) {
  let linked;
  try {
    linked = prepare(text);
  } catch (e) {
    if (e instanceof IdentifierError) return [];
    throw e;
  }
  const value = linked.text;
  const kinds = kind ? [kind] : plausibleKinds(value, linked.kind);
  if (linked.kind && !kinds.includes(linked.kind)) return [];
  let found = [];
  for (const each of kinds) {
    if (each === "phone") {
      found = found.concat(phoneReadings(value, country).map((e164) => identifier("phone", e164)));
    } else if (each === "handle") {
      const chosen = platform || linked.platform;
      found = found.concat(eachPlatform(value, chosen ? [chosen] : HANDLE_PLATFORMS));
    } else {
      try {
        found.push(identifier(each, each === "email" ? normaliseEmail(value) : normalisePlate(value)));
      } catch (e) {
        if (!(e instanceof IdentifierError)) throw e;
      }
    }
  }
  return dedupe(found);
}

function prepareKind(text) {
  try { return prepare(text).kind; } catch (e) { return null; }
}

function whyNot(text, kind) {
  if (kind) return `identifier.${kind}.invalid`;
  if (lstrip(text, "@").includes("@")) return "identifier.email.invalid";
  if (isPhoneShaped(text) || prepareKind(text) === "phone") return "identifier.phone.invalid";
  return "identifier.kind.invalid";
}

function legacyForms(found, raw) {
  if (!found.some((i) => i.kind === "email")) return [];
  let unfolded;
  try {
    unfolded = identifier("email", plainEmail(raw));
  } catch (e) {
    if (e instanceof IdentifierError) return [];
    throw e;
  }
  return found.some((i) => i.kind === "email" && i.value === unfolded.value) ? [] : [unfolded];
}

/** The identifiers `raw` could be, most likely first; throws IdentifierError. */
export function candidates(raw, { kind = null, platform = null, country = null } = {}) {
  if (kind && !CHECKABLE.includes(kind)) {
    throw new IdentifierError(kind === "name" ? "identifier.kind.not_checkable" : "identifier.kind.invalid");
  }
  let text = clean(raw);
  if (!text) throw new IdentifierError("identifier.empty");
  let found = readings(text, kind, platform, country);
  if (!found.length && text.includes(" ")) {
    const piece = singlePiece(text);
    if (piece) {
      text = piece;
      found = readings(piece, kind, platform, country);
    }
  }
  if (!found.length) throw new IdentifierError(whyNot(text, kind));
  return found.concat(legacyForms(found, text));
}
