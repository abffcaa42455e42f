import { buildHechuanUnits, HECHUAN_VILLAGE_COUNT, type SeedUnit } from './hechuan-seed.js';

describe('buildHechuanUnits', () => {
  const units = buildHechuanUnits();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const villageTier = units.filter((u) => u.tier === 'village');
  const ofKind = (kind: SeedUnit['kind']) => units.filter((u) => u.kind === kind);

  it('has the district, 7 streets, 23 towns and 391 village-tier units', () => {
    expect(units).toHaveLength(422);
    expect(ofKind('district')).toHaveLength(1);
    expect(ofKind('street')).toHaveLength(7);
    expect(ofKind('town')).toHaveLength(23);
    expect(villageTier).toHaveLength(HECHUAN_VILLAGE_COUNT);
    expect(HECHUAN_VILLAGE_COUNT).toBe(391);
  });

  it('uses unique 12-digit codes', () => {
    for (const u of units) expect(u.code).toMatch(/^\d{12}$/);
    expect(byCode.size).toBe(units.length);
  });

  it('roots the tree at the district and lists parents before children', () => {
    const [district] = units;
    expect(district).toMatchObject({ code: '500117000000', tier: 'district', parentCode: null, path: '500117000000', demo: false });
    const seen = new Set<string>();
    for (const u of units) {
      if (u.parentCode !== null) expect(seen.has(u.parentCode)).toBe(true);
      seen.add(u.code);
    }
  });

  it("gives every non-district unit an existing parent of the tier above and its parent's path plus its code", () => {
    const tierAbove = { town: 'district', village: 'town' } as const;
    for (const u of units.slice(1)) {
      const parent = byCode.get(u.parentCode ?? '');
      expect(parent).toBeDefined();
      expect(parent!.tier).toBe(tierAbove[u.tier as 'town' | 'village']);
      expect(u.path).toBe(`${parent!.path}.${u.code}`);
    }
  });

  it('marks only the generated village tier as demo', () => {
    for (const u of units) expect(u.demo).toBe(u.tier === 'village');
  });

  it('keeps town segments in the street/town ranges', () => {
    for (const u of units.filter((x) => x.tier === 'town')) {
      const segment = Number(u.code.slice(6, 9));
      const [lo, hi] = u.kind === 'street' ? [1, 99] : [100, 199];
      expect(segment).toBeGreaterThanOrEqual(lo);
      expect(segment).toBeLessThanOrEqual(hi);
      expect(u.code.endsWith('000')).toBe(true);
    }
  });

  it('codes village-tier units under their town prefix with a segment in the range of their kind', () => {
    for (const u of villageTier) {
      expect(u.code.slice(0, 9)).toBe(u.parentCode!.slice(0, 9));
      const segment = Number(u.code.slice(9));
      const [lo, hi] = u.kind === 'community' ? [1, 199] : [200, 399];
      expect(['community', 'village']).toContain(u.kind);
      expect(segment).toBeGreaterThanOrEqual(lo);
      expect(segment).toBeLessThanOrEqual(hi);
    }
  });

  it('names village-tier units by kind, uniquely within each town and across the district', () => {
    for (const u of villageTier) {
      expect(u.name).toMatch(u.kind === 'community' ? /^\p{Script=Han}{2,3}社区$/u : /^\p{Script=Han}{2}村$/u);
    }
    const towns = new Map<string, Set<string>>();
    for (const u of villageTier) {
      const names = towns.get(u.parentCode!) ?? new Set<string>();
      expect(names.has(u.name)).toBe(false);
      towns.set(u.parentCode!, names.add(u.name));
    }
    expect(new Set(villageTier.map((u) => u.name)).size).toBe(villageTier.length);
  });

  it('gives every town-level unit at least 10 village-tier units, streets mostly communities, towns mostly villages', () => {
    for (const t of units.filter((x) => x.tier === 'town')) {
      const children = villageTier.filter((u) => u.parentCode === t.code);
      const communities = children.filter((u) => u.kind === 'community').length;
      expect(children.length).toBeGreaterThanOrEqual(10);
      if (t.kind === 'street') expect(communities).toBeGreaterThan(children.length / 2);
      else {
        expect(communities).toBeGreaterThanOrEqual(1);
        expect(communities).toBeLessThanOrEqual(2);
      }
    }
  });

  it.each([
    ['古楼镇', '500117106000'],
    ['钱塘镇', '500117100000'],
  ])('has at least 2 villages in %s (demo users live there)', (name, code) => {
    expect(byCode.get(code)?.name).toBe(name);
    expect(villageTier.filter((u) => u.parentCode === code && u.kind === 'village').length).toBeGreaterThanOrEqual(2);
  });

  it('is deterministic', () => {
    expect(buildHechuanUnits()).toEqual(buildHechuanUnits());
    expect(buildHechuanUnits()).toEqual(units);
  });
});
