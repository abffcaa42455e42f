import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { IdNumberProtector } from './protect.js';

const ID = '500117199001010019';
const key = randomBytes(32);
const protector = new IdNumberProtector(key);

/** Flips one character of a base64url string to another valid one. */
const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);

describe('IdNumberProtector', () => {
  it('needs a 32-byte key', () => {
    expect(() => new IdNumberProtector(randomBytes(16))).toThrow(RangeError);
    expect(() => new IdNumberProtector(randomBytes(33))).toThrow(RangeError);
  });

  it('seals to v1.<iv>.<ciphertext>.<tag> and opens again', () => {
    const sealed = protector.seal(ID);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain(ID);
    expect(protector.open(sealed)).toBe(ID);
    expect(new IdNumberProtector(Buffer.from(key)).open(sealed)).toBe(ID);
  });

  it.each(['11010519491231002X', '13800138000', '', '张三 · 合川'])('round-trips %j', (plain) => {
    expect(protector.open(protector.seal(plain))).toBe(plain);
  });

  it('seals the same id differently each time (random IV)', () => {
    const a = protector.seal(ID);
    const b = protector.seal(ID);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(protector.open(a)).toBe(protector.open(b));
  });

  it('throws when any part was tampered with', () => {
    const sealed = protector.seal(ID);
    const parts = sealed.split('.');
    for (const i of [1, 2, 3]) {
      for (const at of [0, Math.floor(parts[i].length / 2), parts[i].length - 1]) {
        const tampered = parts.map((p, j) => (j === i ? flip(p, at) : p)).join('.');
        expect(() => protector.open(tampered)).toThrow();
      }
    }
    expect(() => protector.open(['v2', ...parts.slice(1)].join('.'))).toThrow();
    expect(() => protector.open(parts.slice(0, 3).join('.'))).toThrow();
    expect(() => protector.open(`${sealed}.`)).toThrow();
    expect(() => protector.open([parts[0], parts[1], `${parts[2]}AA`, parts[3]].join('.'))).toThrow();
    expect(() => protector.open([parts[0], parts[1], parts[2], parts[3].slice(0, -1)].join('.'))).toThrow();
    expect(() => protector.open([parts[0], parts[1], parts[2], `${parts[3]}=`].join('.'))).toThrow();
    expect(() => protector.open('')).toThrow();
  });

  it('throws on another seal’s tag or IV', () => {
    const [v, iv, ct, tag] = protector.seal(ID).split('.');
    const [, iv2, , tag2] = protector.seal(ID).split('.');
    expect(() => protector.open([v, iv, ct, tag2].join('.'))).toThrow();
    expect(() => protector.open([v, iv2, ct, tag].join('.'))).toThrow();
  });

  it('throws with the wrong key', () => {
    const sealed = protector.seal(ID);
    expect(() => new IdNumberProtector(randomBytes(32)).open(sealed)).toThrow();
  });

  it('hashes for lookup deterministically, per key', () => {
    const h = protector.lookupHash(ID);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(protector.lookupHash(ID)).toBe(h);
    expect(new IdNumberProtector(Buffer.from(key)).lookupHash(ID)).toBe(h);
    expect(protector.lookupHash('11010519491231002X')).not.toBe(h);
    expect(new IdNumberProtector(randomBytes(32)).lookupHash(ID)).not.toBe(h);
  });

  it('hashes the normalized ID number (lower-case x, spaces)', () => {
    expect(protector.lookupHash(' 11010519491231002x ')).toBe(protector.lookupHash('11010519491231002X'));
  });

  it('keys the lookup hash with HKDF-SHA256(key, info id-lookup), not with the key itself', () => {
    const lookupKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'id-lookup', 32));
    expect(protector.lookupHash(ID)).toBe(createHmac('sha256', lookupKey).update(ID).digest('hex'));
    expect(protector.lookupHash(ID)).not.toBe(createHmac('sha256', key).update(ID).digest('hex'));
  });
});
