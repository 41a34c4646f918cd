// Passphrase encryption for the team setup file: PBKDF2-SHA-256 → AES-256-GCM (WebCrypto, so it runs
// in the service worker and in Node tests alike). The readable parts of the file are passed as
// additional authenticated data, so editing any of them makes decryption fail: tampering is refused.
// A separate "check" ciphertext (no AAD) tells a wrong passphrase apart from a changed file.

export const PBKDF2_ITERATIONS = 600_000; // OWASP 2023 guidance for PBKDF2-HMAC-SHA256
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 5_000_000; // bounds the work a hostile file can make us do
const CHECK_TEXT = 'flowpilot-team-setup';

export interface EncryptedBlob {
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  salt: string; // base64
  cipher: 'AES-256-GCM';
  /** Encrypts CHECK_TEXT with no AAD: decrypts only with the right passphrase. */
  checkIv: string;
  check: string;
  iv: string;
  data: string;
}

export class TeamCryptoError extends Error {
  constructor(
    readonly reason: 'wrongPassphrase' | 'tampered' | 'badFile',
    message: string,
  ) {
    super(message);
    this.name = 'TeamCryptoError';
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const base = await crypto.subtle.importKey('raw', enc.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function encryptJson(
  value: unknown,
  passphrase: string,
  aad: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<EncryptedBlob> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const checkIv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, iterations);
  const [data, check] = await Promise.all([
    crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: enc.encode(aad) },
      key,
      enc.encode(JSON.stringify(value)),
    ),
    crypto.subtle.encrypt({ name: 'AES-GCM', iv: checkIv }, key, enc.encode(CHECK_TEXT)),
  ]);
  return {
    kdf: 'PBKDF2-SHA256',
    iterations,
    salt: toBase64(salt),
    cipher: 'AES-256-GCM',
    checkIv: toBase64(checkIv),
    check: toBase64(new Uint8Array(check)),
    iv: toBase64(iv),
    data: toBase64(new Uint8Array(data)),
  };
}

function bytes(b64: unknown): Uint8Array<ArrayBuffer> {
  if (typeof b64 !== 'string') throw new Error('not base64');
  return fromBase64(b64);
}

export async function decryptJson(blob: EncryptedBlob, passphrase: string, aad: string): Promise<unknown> {
  let salt: Uint8Array<ArrayBuffer>;
  let iv: Uint8Array<ArrayBuffer>;
  let checkIv: Uint8Array<ArrayBuffer>;
  let check: Uint8Array<ArrayBuffer>;
  let data: Uint8Array<ArrayBuffer>;
  try {
    [salt, iv, checkIv, check, data] = [blob.salt, blob.iv, blob.checkIv, blob.check, blob.data].map(
      bytes,
    ) as [
      Uint8Array<ArrayBuffer>,
      Uint8Array<ArrayBuffer>,
      Uint8Array<ArrayBuffer>,
      Uint8Array<ArrayBuffer>,
      Uint8Array<ArrayBuffer>,
    ];
  } catch {
    throw new TeamCryptoError(
      'badFile',
      'The team setup file is damaged (its encrypted part is unreadable).',
    );
  }
  if (
    blob.kdf !== 'PBKDF2-SHA256' ||
    blob.cipher !== 'AES-256-GCM' ||
    !Number.isInteger(blob.iterations) ||
    blob.iterations < MIN_ITERATIONS ||
    blob.iterations > MAX_ITERATIONS ||
    iv.length !== 12 ||
    checkIv.length !== 12
  ) {
    throw new TeamCryptoError('badFile', 'The team setup file uses settings FlowPilot does not accept.');
  }
  const key = await deriveKey(passphrase, salt, blob.iterations);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: checkIv }, key, check);
    if (dec.decode(plain) !== CHECK_TEXT) throw new Error('check mismatch');
  } catch {
    throw new TeamCryptoError(
      'wrongPassphrase',
      'That passphrase is not the one this file was exported with.',
    );
  }
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: enc.encode(aad) },
      key,
      data,
    );
    return JSON.parse(dec.decode(plain));
  } catch {
    throw new TeamCryptoError(
      'tampered',
      'The team setup file was changed after it was exported, so FlowPilot will not trust it. Export it again.',
    );
  }
}
