import { idNumberCheckChar, idNumberProblem, maskIdNumber, normalizeIdNumber } from './id-number.js';

/** Appends the ISO 7064 MOD 11-2 check character, computed here independently of the module. */
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, c, i) => acc + Number(c) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** Replaces the check character with a wrong one. */
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

/**
 * Worked by hand:
 * - 11010519491231002X (the standard's own example): digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 times the
 *   weights give 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → 'X'.
 * - 500117199001010019 (合川区, born 1990-01-01): 35+0+0+5+8+28+2+9+54+0+0+9+0+5+0+0+2 = 157;
 *   157 mod 11 = 3 → '9'.
 */
const KNOWN_VALID = ['11010519491231002X', '500117199001010019'];

const NOW = new Date('2026-11-28T04:00:00Z'); // 12:00 in China

describe('idNumberProblem', () => {
  it.each(KNOWN_VALID)('accepts %s (checked by hand)', (id) => {
    expect(idNumberProblem(id, NOW)).toBeUndefined();
    expect(idNumberProblem(id)).toBeUndefined();
  });

  it.each([
    '50011719900101001', // 合川区
    '11010119000101123', // the earliest birth day
    '44030620000229456', // a leap day
    '91000019851231999', // residents abroad
    '82000020261128001', // Macao, born today (in China)
    '65010219700615321',
    '71000019550310777',
  ])('accepts %s with its computed check character', (first17) => {
    const id = withCheck(first17);
    expect(idNumberCheckChar(first17)).toBe(id[17]);
    expect(idNumberProblem(id, NOW)).toBeUndefined();
  });

  it('computes every check character the same way as the spec helper', () => {
    for (let n = 0; n < 200; n++) {
      const first17 = `500117${19500101 + n * 1013}${String(n).padStart(3, '0')}`;
      expect(idNumberCheckChar(first17)).toBe(withCheck(first17)[17]);
    }
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(idNumberProblem('11010519491231002x', NOW)).toBeUndefined();
    expect(idNumberProblem('  500117199001010019 ', NOW)).toBeUndefined();
  });

  it('finds some number for each of the 11 check characters', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 1000 && seen.size < 11; seq++) {
      const id = withCheck(`50011719900101${String(seq).padStart(3, '0')}`);
      expect(idNumberProblem(id, NOW)).toBeUndefined();
      seen.add(id[17]);
    }
    expect([...seen].sort()).toEqual([...'0123456789X'].sort());
  });

  it.each([
    ['', 'must be 18 characters'],
    ['50011719900101001', 'must be 18 characters'],
    ['5001171990010100190', 'must be 18 characters'],
    ['50011719900101001Y', 'must be 17 digits followed by a digit or X'],
    ['5001171990010100X9', 'must be 17 digits followed by a digit or X'],
    ['５00117199001010019', 'must be 17 digits followed by a digit or X'],
    [withCheck('01011719900101001'), 'region code must not start with 0'],
    [withCheck('10011719900101001'), 'region code has an unknown province'],
    [withCheck('16011719900101001'), 'region code has an unknown province'],
    [withCheck('72011719900101001'), 'region code has an unknown province'],
    [withCheck('99011719900101001'), 'region code has an unknown province'],
    [withCheck('50011719900230001'), 'birth date is not a real date'],
    [withCheck('50011719000229001'), 'birth date is not a real date'], // 1900 was not a leap year
    [withCheck('50011719901301001'), 'birth date is not a real date'],
    [withCheck('50011719900100001'), 'birth date is not a real date'],
    [withCheck('50011718991231001'), 'birth date must be between 1900-01-01 and today'],
    [withCheck('50011700000101001'), 'birth date must be between 1900-01-01 and today'],
    ['440524188001010014', 'birth date must be between 1900-01-01 and today'], // the standard's other example, born 1880
    [withCheck('50011720261129001'), 'birth date must be between 1900-01-01 and today'], // tomorrow in China
    [wrongCheck('500117199001010019'), 'check character does not match'],
    ['110105194912310029', 'check character does not match'],
    ['500117199001010018', 'check character does not match'],
  ])('rejects %j: %s', (id, reason) => {
    expect(idNumberProblem(id, NOW)).toBe(reason);
  });

  it('takes today in China, not in UTC', () => {
    const bornOn28th = withCheck('50011720261128001');
    expect(idNumberProblem(bornOn28th, new Date('2026-11-27T16:00:00Z'))).toBeUndefined(); // 00:00 on the 28th in China
    expect(idNumberProblem(bornOn28th, new Date('2026-11-27T15:59:59Z'))).toBe('birth date must be between 1900-01-01 and today');
  });

  it('catches any single changed digit', () => {
    const id = '500117199001010019';
    for (let i = 0; i < 17; i++) {
      const changed = id.slice(0, i) + String((Number(id[i]) + 1) % 10) + id.slice(i + 1);
      expect(idNumberProblem(changed, NOW)).toBeDefined();
    }
  });
});

describe('normalizeIdNumber', () => {
  it('trims and upper-cases x', () => {
    expect(normalizeIdNumber(' 11010519491231002x\n')).toBe('11010519491231002X');
    expect(normalizeIdNumber('500117199001010019')).toBe('500117199001010019');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters: 18 in, 18 out', () => {
    expect(maskIdNumber('500117199001010019')).toBe('500***********0019');
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
    expect(maskIdNumber('500117199001010019')).toHaveLength(18);
  });

  it('never reveals the birth date', () => {
    for (const id of [...KNOWN_VALID, withCheck('44030620000229456'), withCheck('82000020261128001')]) {
      const masked = maskIdNumber(id);
      expect(masked).toHaveLength(18);
      expect(masked.slice(3, 14)).toBe('*'.repeat(11));
      expect(masked).not.toContain(id.slice(6, 14));
      expect(masked).not.toContain(id.slice(6, 10)); // not even the year
    }
  });

  it('reveals nothing of something too short to be an ID number', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });
});
