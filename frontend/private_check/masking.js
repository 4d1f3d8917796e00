// What the answer shows of what she checked, masked as
// uglymugs_app/services/identifiers/masking.py masks it ("+31 6 12•• ••78").
import parsePhoneNumber from "libphonenumber-js/max";

const DOT = "\u2022";
const HIDDEN = DOT.repeat(3);
const MIN_HIDDEN_DIGITS = 4;

function ends(text, start, end) {
  const chars = Array.from(text);
  const budget = Math.min(start + end, Math.floor(chars.length / 3));
  const head = Math.min(start, budget);
  const tail = Math.min(end, budget - head);
  return chars.slice(0, head).join("") + HIDDEN + (tail ? chars.slice(chars.length - tail).join("") : "");
}

function destinationCodeLength(number) {
  // As phonenumbers' length_of_national_destination_code: the first group
  // after the country code of the international format, if more follow.
  const groups = number.formatInternational().split(/[^0-9]+/);
  return groups.length <= 3 ? 0 : groups[2].length;
}

export function maskPhone(e164) {
  const number = parsePhoneNumber(e164);
  const national = number.nationalNumber;
  let codeLength = destinationCodeLength(number);
  if (codeLength * 2 > national.length) codeLength = 0;
  codeLength = Math.min(codeLength, Math.max(0, national.length - MIN_HIDDEN_DIGITS));
  const area = national.slice(0, codeLength), subscriber = national.slice(codeLength);
  const budget = Math.max(0, Math.min(4, Math.floor(subscriber.length / 2), subscriber.length - MIN_HIDDEN_DIGITS));
  const head = Math.min(2, Math.floor((budget + 1) / 2));
  const tail = budget - head;
  let shown = subscriber.slice(0, head) + DOT.repeat(subscriber.length - head - tail);
  shown += tail ? subscriber.slice(subscriber.length - tail) : "";
  const groups = [];
  for (let i = 0; i < shown.length; i += 4) groups.push(shown.slice(i, i + 4));
  return ["+" + number.countryCallingCode, area, ...groups].filter(Boolean).join(" ");
}

/** Masked readings for the answer, once each; a handle on every platform is one "@jo•••". */
export function described(identifiers) {
  const shown = new Map();
  for (const { kind, value } of identifiers) {
    let masked;
    if (kind === "handle") masked = "@" + ends(value.slice(value.indexOf(":") + 1), 2, 0);
    else if (kind === "phone") masked = maskPhone(value);
    else if (kind === "email") {
      const at = value.lastIndexOf("@");
      masked = ends(value.slice(0, at), 1, 0) + "@" + value.slice(at + 1);
    } else masked = ends(value, 1, 1);
    shown.set(kind + " " + masked, { kind, masked });
  }
  return [...shown.values()];
}
