import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { normalizeIdNumber } from '@app/contracts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Personal data at rest: `seal` encrypts (AES-256-GCM, a random 12-byte IV per value) into
 * `v1.<iv>.<ciphertext>.<tag>` (base64url), `open` decrypts and authenticates, and `lookupHash`
 * is a keyed hash (HMAC-SHA256, hex) so a person's cases can be found by ID number without
 * decrypting: its key is derived from the same key by HKDF-SHA256 (info `id-lookup`).
 * The key must never change: sealed values and lookup hashes are stored.
 */
export class IdNumberProtector {
  readonly #key: Buffer;
  readonly #lookupKey: Buffer;

  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== 32) throw new RangeError('the personal data key must be 32 bytes');
    this.#key = Buffer.from(key);
    this.#lookupKey = Buffer.from(hkdfSync('sha256', this.#key, Buffer.alloc(0), 'id-lookup', 32));
  }

  /** Encrypts any text (ID numbers, phones); two seals of the same text differ. */
  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** Decrypts a sealed value; throws when it is malformed, was tampered with, or was sealed with another key. */
  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => B64URL.test(p))) throw new Error('not a sealed value');
    const [iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
    // Canonical encodings only (base64url has spare bits in its last character): one value, one string.
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || [iv, ciphertext, tag].some((b, i) => b.toString('base64url') !== parts[i + 1])) {
      throw new Error('not a sealed value');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('the sealed value could not be opened: tampered with, or sealed with another key');
    }
  }

  /** Deterministic keyed hash (64 hex characters) of a normalized ID number, for finding it without decrypting. */
  lookupHash(id: string): string {
    return createHmac('sha256', this.#lookupKey).update(normalizeIdNumber(id), 'utf8').digest('hex');
  }
}
