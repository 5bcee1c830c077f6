// A souvenir certificate judged in the browser, as engine/souvenir/certificate.py judges it: the same
// format 1 (LUDAO1:<BASE32(public key ‖ DEFLATE(payload JSON))>.<BASE32(signature)>), the same checks
// in the same order, the same four verdicts. Ed25519 through WebCrypto; raw DEFLATE with format 1's
// preset dictionary through pako, whose legacy hash gives zlib's very bytes, so the one-text-per-
// certificate rule (the content must encode back to exactly the text given) holds here too.
import { Deflate, Inflate } from 'pako';

export const PREFIX = 'LUDAO1:';
const MAX_TEXT = 8192;
const MAX_INFLATED = 16 * 1024;
const MAX_ITEMS = 200;
const MAX_SCORE = 1e9;
const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const SESSION = /^[0-9a-f]{6,32}$/;
const KEYS = ['b', 'c', 'd', 'n', 'p', 's', 't', 'u'];
const OPTIONAL_KEYS = ['e'];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export class Malformed extends Error {}

export function base32Encode(bytes) {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

// Strict: the upper-case alphabet only, and the one encoding of its bytes (no stray low bits).
export function base32Decode(text) {
  const bad = [...text].find((ch) => !ALPHABET.includes(ch));
  if (bad !== undefined) throw new Malformed(`the character '${bad}' is not Base32`);
  if ([1, 3, 6].includes(text.length % 8)) throw new Malformed(`${text.length} characters cannot be Base32`);
  const bytes = new Uint8Array(Math.floor((text.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of text) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bytes[at++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  if (base32Encode(bytes) !== text) throw new Malformed("the Base32 text was changed (its last character has stray bits)");
  return bytes;
}

let DICTIONARY = null;

export function useFormat(format) {
  if (format.prefix !== PREFIX) throw new Error(`this page reads ${PREFIX}, the site describes ${format.prefix}`);
  DICTIONARY = base64Bytes(format.dictionary);
}

function inflate(data) {
  const inflator = new Inflate({ raw: true, dictionary: DICTIONARY, chunkSize: MAX_INFLATED + 1 });
  inflator.push(data, true);
  if (inflator.err) throw new Malformed(`the compressed content is damaged (${inflator.msg || inflator.err})`);
  if (!inflator.ended || !inflator.result) throw new Malformed('the compressed content is cut short');
  if (inflator.result.length > MAX_INFLATED) throw new Malformed(`the content is larger than ${MAX_INFLATED} bytes`);
  if (inflator.strm.avail_in !== 0) throw new Malformed('there are stray bytes after the compressed content');
  return inflator.result;
}

function deflate(data) {
  const deflator = new Deflate({ raw: true, level: 9, memLevel: 9, dictionary: DICTIONARY, legacyHash: true });
  deflator.push(data, true);
  return deflator.result;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// The issuer's public key, the payload JSON's bytes (not yet parsed) and the signature.
function unpack(text) {
  if (!text) throw new Malformed('the certificate is empty');
  if (text !== text.trim() || text.startsWith('\ufeff')) {
    throw new Malformed('there are spaces, line breaks or a byte-order mark around the text');
  }
  if (text.length > MAX_TEXT) throw new Malformed(`${text.length} characters is too long for a Ludao certificate`);
  const version = /^LUDAO(\d+):/.exec(text);
  if (!version) throw new Malformed(`not a Ludao certificate (it should start with '${PREFIX}')`);
  if (version[0] !== PREFIX) throw new Malformed(`a certificate of format ${version[1]}, which this page cannot read`);
  const parts = text.slice(PREFIX.length).split('.');
  if (parts.length !== 2) throw new Malformed("damaged: a certificate has two parts, content and signature, joined by '.'");
  const blob = base32Decode(parts[0]);
  const signature = base32Decode(parts[1]);
  if (signature.length !== 64) throw new Malformed(`damaged or altered: the signature is ${signature.length} bytes, not 64`);
  if (blob.length < 33) throw new Malformed('damaged: the content part is too short');
  return { publicKey: blob.slice(0, 32), payload: inflate(blob.slice(32)), signature };
}

// Python's json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False): JSON.stringify
// escapes the same characters the same way, and the payload's keys are ASCII.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function ids(kind, items) {
  if (!Array.isArray(items)) throw new Malformed(`the content has a bad field: expected a list of ${kind} ids`);
  if (items.length > MAX_ITEMS) throw new Malformed(`the content has a bad field: more than ${MAX_ITEMS} ${kind}s`);
  for (const item of items) {
    if (typeof item !== 'string' || !ID.test(item)) throw new Malformed(`the content has a bad field: ${kind} id ${JSON.stringify(item)}`);
  }
  if (new Set(items).size !== items.length) throw new Malformed(`the content has a bad field: a ${kind} is listed twice`);
  return items;
}

function isoDate(text) {
  const match = typeof text === 'string' && /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = match ? match.slice(1).map(Number) : [];
  const real = match && new Date(Date.UTC(year, month - 1, day));
  if (!real || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day || year < 2000) {
    throw new Malformed(`the content has a bad field: the date should be YYYY-MM-DD, got ${JSON.stringify(text)}`);
  }
  return text;
}

function wellFormed(value) {
  if (typeof value === 'string') return value.isWellFormed();
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => k.isWellFormed() && wellFormed(v));
  return true;
}

function parse(raw) {
  let data;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch (error) {
    throw new Malformed(`the content is not valid JSON (${error.name})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Malformed('the content is not a JSON object');
  const missing = KEYS.filter((k) => !(k in data));
  const extra = Object.keys(data).filter((k) => !KEYS.includes(k) && !OPTIONAL_KEYS.includes(k));
  if (missing.length || extra.length) throw new Malformed(`the content has missing fields [${missing}] or unknown fields [${extra}]`);
  if (typeof data.s !== 'string' || !ID.test(data.s)) throw new Malformed('the content has a bad field: the scene id');
  const name = data.n;
  const nameOk = name && typeof name === 'object' && !Array.isArray(name)
    && Object.keys(name).sort().join() === 'en,zh'
    && Object.values(name).every((v) => typeof v === 'string' && [...v].length > 0 && [...v].length <= 80);
  if (!nameOk) throw new Malformed('the content has a bad field: the scene name should be {zh, en}');
  if (typeof data.u !== 'string' || !SESSION.test(data.u)) throw new Malformed('the content has a bad field: the session');
  if (!Number.isInteger(data.p) || data.p < 0 || data.p > MAX_SCORE) throw new Malformed('the content has a bad field: the score');
  const certificate = {
    scene: data.s, sceneName: name, session: data.u, score: data.p, issued: isoDate(data.d),
    stamps: ids('stamp', data.t), badges: ids('badge', data.b), collectibles: ids('collectible', data.c),
    events: ids('event', data.e ?? []),
  };
  // A lone surrogate (an escape like \ud800) has no UTF-8: Ludao's canonical form cannot hold one.
  if (!wellFormed(data) || canonical(data) !== new TextDecoder().decode(raw)) {
    throw new Malformed('the content is not in canonical form (it was written by something other than Ludao)');
  }
  return certificate;
}

async function keyIdOf(publicKey) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', publicKey));
  return [...digest.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Throws when this browser's WebCrypto has no Ed25519 (the page says so, and judges nothing).
async function signatureHolds(publicKey, signature, message) {
  let key;
  try {
    key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  } catch (error) {
    if (error.name === 'NotSupportedError') throw error;
    return false;  // not a point on the curve: nobody holds its private key
  }
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
}

export function base64Bytes(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

// status: 'genuine' | 'untrusted' | 'forged' | 'malformed'; reason (English, for the record);
// certificate when the content was read; keyId when the text was readable enough to tell.
// `trusted`: key id -> the installation's 32 raw public key bytes.
export async function verifyCertificate(text, trusted) {
  let unpacked;
  try {
    unpacked = unpack(text);
  } catch (error) {
    if (error instanceof Malformed) return { status: 'malformed', reason: error.message };
    throw error;
  }
  const { publicKey, payload, signature } = unpacked;
  const keyId = await keyIdOf(publicKey);
  const message = concat(new TextEncoder().encode(PREFIX), publicKey, payload);
  if (!(await signatureHolds(publicKey, signature, message))) {
    return { status: 'forged', reason: 'the signature does not match the content', keyId };
  }
  let certificate;
  try {
    certificate = parse(payload);
    const again = `${PREFIX}${base32Encode(concat(publicKey, deflate(payload)))}.${base32Encode(signature)}`;
    if (again !== text) throw new Malformed('the text is not the one Ludao writes for its content (it was re-encoded or altered)');
  } catch (error) {
    if (error instanceof Malformed) return { status: 'malformed', reason: `signed by ${keyId}, but ${error.message}`, keyId };
    throw error;
  }
  const known = trusted.get(keyId);
  if (!known || known.length !== 32 || !known.every((b, i) => b === publicKey[i])) {
    return { status: 'untrusted', reason: `a valid signature by installation ${keyId}, which this site does not list`, certificate, keyId };
  }
  return { status: 'genuine', reason: `signed by installation ${keyId}`, certificate, keyId };
}
