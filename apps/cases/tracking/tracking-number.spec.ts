import { formatTrackingNumber, newQueryCode, parseTrackingNumber, QUERY_CODE_ALPHABET, sameQueryCode } from './tracking-number.js';

describe('formatTrackingNumber', () => {
  it.each([
    ['500117', '2026-11-28', 42, '500117-20261128-000042'],
    ['500117', '2026-11-28', 1, '500117-20261128-000001'],
    ['110105', '2024-02-29', 999_999, '110105-20240229-999999'],
    ['500117', '2027-01-01', 123_456, '500117-20270101-123456'],
  ] as const)('formats %s, %s, %d as %s', (county, day, seq, expected) => {
    expect(formatTrackingNumber(county, day, seq)).toBe(expected);
    expect(formatTrackingNumber(county, day, seq)).toMatch(/^\d{6}-\d{8}-\d{6}$/);
  });

  it.each([
    ['500117', '2026-11-28', 0],
    ['500117', '2026-11-28', -1],
    ['500117', '2026-11-28', 1_000_000],
    ['500117', '2026-11-28', 1.5],
    ['500117', '2026-11-28', Number.NaN],
    ['500117', '2026-11-28', Number.POSITIVE_INFINITY],
    ['50011', '2026-11-28', 1],
    ['5001170', '2026-11-28', 1],
    ['50011a', '2026-11-28', 1],
    ['500117000000', '2026-11-28', 1],
    ['500117', '20261128', 1],
    ['500117', '2026-11-31', 1],
    ['500117', '2025-02-29', 1],
    ['500117', '2026-13-01', 1],
    ['500117', '2026-1-28', 1],
    ['500117', '2026-11-28T00:00:00Z', 1],
    ['500117', '', 1],
  ] as const)('throws RangeError for %j, %j, %d', (county, day, seq) => {
    expect(() => formatTrackingNumber(county, day, seq)).toThrow(RangeError);
  });
});

describe('parseTrackingNumber', () => {
  it('round-trips', () => {
    for (const [county, day, seq] of [
      ['500117', '2026-11-28', 42],
      ['110105', '2024-02-29', 1],
      ['500117', '2026-12-31', 999_999],
    ] as const) {
      expect(parseTrackingNumber(formatTrackingNumber(county, day, seq))).toEqual({ countyCode: county, day, seq });
    }
  });

  it('parses the example', () => {
    expect(parseTrackingNumber('500117-20261128-000042')).toEqual({ countyCode: '500117', day: '2026-11-28', seq: 42 });
  });

  it.each([
    '',
    '500117-20261128-000000',
    '500117-20261128-42',
    '500117-20261128-0000042',
    '50011-20261128-000042',
    '500117-2026-11-28-000042',
    '500117-20261131-000042',
    '500117-20250229-000042',
    '500117-20261328-000042',
    '500117_20261128_000042',
    ' 500117-20261128-000042',
    '500117-20261128-000042 ',
    '500117-20261128-00004a',
    '５00117-20261128-000042',
  ])('rejects %j', (s) => {
    expect(parseTrackingNumber(s)).toBeUndefined();
  });
});

describe('newQueryCode', () => {
  it('has 31 unambiguous characters', () => {
    expect(QUERY_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(QUERY_CODE_ALPHABET).size).toBe(31);
    expect(QUERY_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('draws 6 characters from the alphabet', () => {
    for (let i = 0; i < 1000; i++) expect(newQueryCode()).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
  });

  it('is roughly uniform over 20,000 draws, in every position (each within ±20% of expected)', () => {
    const draws = 20_000;
    const total = new Map<string, number>();
    const byPosition = Array.from({ length: 6 }, () => new Map<string, number>());
    const codes = new Set<string>();
    for (let i = 0; i < draws; i++) {
      const code = newQueryCode();
      codes.add(code);
      [...code].forEach((c, p) => {
        total.set(c, (total.get(c) ?? 0) + 1);
        byPosition[p].set(c, (byPosition[p].get(c) ?? 0) + 1);
      });
    }
    // 120,000 characters: ~3,871 each, σ ≈ 61, so ±20% is over 12σ. Per position ~645, σ ≈ 25, so ±30% is over 7σ.
    const expected = (draws * 6) / QUERY_CODE_ALPHABET.length;
    expect(total.size).toBe(QUERY_CODE_ALPHABET.length);
    for (const c of QUERY_CODE_ALPHABET) {
      expect(total.get(c)).toBeGreaterThan(expected * 0.8);
      expect(total.get(c)).toBeLessThan(expected * 1.2);
    }
    const perPosition = draws / QUERY_CODE_ALPHABET.length;
    for (const counts of byPosition) {
      for (const c of QUERY_CODE_ALPHABET) {
        expect(counts.get(c) ?? 0).toBeGreaterThan(perPosition * 0.7);
        expect(counts.get(c) ?? 0).toBeLessThan(perPosition * 1.3);
      }
    }
    // 31^6 ≈ 887 million codes: 20,000 draws should almost never repeat (expected ~0.2 collisions).
    expect(codes.size).toBeGreaterThan(draws - 5);
  });
});

describe('sameQueryCode', () => {
  it('matches equal codes, ignoring case', () => {
    expect(sameQueryCode('AB3XYZ', 'AB3XYZ')).toBe(true);
    expect(sameQueryCode('ab3xyz', 'AB3XYZ')).toBe(true);
    expect(sameQueryCode('Ab3xYz', 'aB3XyZ')).toBe(true);
    const code = newQueryCode();
    expect(sameQueryCode(code.toLowerCase(), code)).toBe(true);
  });

  it('does not match different codes or lengths', () => {
    expect(sameQueryCode('AB3XYZ', 'AB3XYY')).toBe(false);
    expect(sameQueryCode('AB3XYZ', 'BB3XYZ')).toBe(false);
    expect(sameQueryCode('AB3XYZ', 'AB3XY')).toBe(false);
    expect(sameQueryCode('AB3XYZ', 'AB3XYZA')).toBe(false);
    expect(sameQueryCode('AB3XYZ', '')).toBe(false);
    expect(sameQueryCode('', 'AB3XYZ')).toBe(false);
    expect(sameQueryCode('AB3XYZ', 'AB3XYZ ')).toBe(false);
    expect(sameQueryCode('AB3XY字', 'AB3XYZ')).toBe(false);
  });
});
