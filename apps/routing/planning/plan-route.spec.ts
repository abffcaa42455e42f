import type { UnitCopy } from '../read-models/read-models.repository.js';
import { planRoute } from './plan-route.js';

const D: UnitCopy = { code: '500117000000', name: '合川区', tier: 'district', parentCode: null, path: '500117000000', active: true };
const T: UnitCopy = { code: '500117106000', name: '古楼镇', tier: 'town', parentCode: D.code, path: `${D.code}.500117106000`, active: true };
const V: UnitCopy = { code: '500117106200', name: '青田村', tier: 'village', parentCode: T.code, path: `${T.path}.500117106200`, active: true };
const none = new Set<string>();

describe('planRoute', () => {
  it.each([
    ['a village item filed at a village is handled there', 'village', [D, T, V], none, V.code, [V.code]],
    ['a town item goes up to the village’s town', 'town', [D, T, V], none, T.code, [V.code, T.code]],
    ['a district item goes village → town → district', 'district', [D, T, V], none, D.code, [V.code, T.code, D.code]],
    ['a district item delegated to the town stops there', 'district', [D, T, V], new Set([T.code]), T.code, [V.code, T.code]],
    ['a delegation to another town does not apply', 'district', [D, T, V], new Set(['500117100000']), D.code, [V.code, T.code, D.code]],
    ['a village item filed at a town is handled at the town', 'village', [D, T], none, T.code, [T.code]],
    ['a town item filed at the district is handled at the district', 'town', [D], none, D.code, [D.code]],
  ] as const)('%s', (_label, itemTier, chain, delegatedTowns, handling, route) => {
    expect(planRoute({ itemTier, chain: [...chain], delegatedTowns })).toMatchObject({ ok: true, handlingUnitCode: handling, route: [...route] });
  });

  it('skips a town out of service upward, and leaves it out of the route', () => {
    const closed = { ...T, active: false };
    expect(planRoute({ itemTier: 'town', chain: [D, closed, V], delegatedTowns: none })).toEqual({ ok: true, handlingUnitCode: D.code, route: [V.code, D.code], delegated: false, skipped: [T.code] });
    expect(planRoute({ itemTier: 'district', chain: [D, closed, V], delegatedTowns: none })).toEqual({ ok: true, handlingUnitCode: D.code, route: [V.code, D.code], delegated: false, skipped: [T.code] });
    expect(planRoute({ itemTier: 'district', chain: [D, closed, V], delegatedTowns: new Set([T.code]) })).toMatchObject({ handlingUnitCode: D.code, delegated: false });
  });

  it('says so when nothing in service has authority', () => {
    expect(planRoute({ itemTier: 'district', chain: [{ ...D, active: false }, T, V], delegatedTowns: none })).toMatchObject({ ok: false });
    expect(planRoute({ itemTier: 'district', chain: [], delegatedTowns: none })).toMatchObject({ ok: false });
  });
});
