import { ServiceItemInput } from '@app/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { itemRuleProblems } from '../items/item-rules.js';
import { buildDemoCatalogue, DEMO_ITEM_COUNT } from './demo-catalogue.js';

const items = buildDemoCatalogue();
const instant = items.filter((i) => i.promisedDays === 0);
const average = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

function flatten(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((e) => {
    const here = path ? `${path}.${e.property}` : e.property;
    return [...Object.values(e.constraints ?? {}).map((m) => `${here}: ${m}`), ...flatten(e.children ?? [], here)];
  });
}

describe('demo catalogue (the article figures)', () => {
  it('has 481 items with unique codes and names', () => {
    expect(DEMO_ITEM_COUNT).toBe(481);
    expect(items).toHaveLength(DEMO_ITEM_COUNT);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.name)).size).toBe(items.length);
    for (const item of items) expect(item.code).toMatch(/^HC-[DTV]-\d{4}$/);
  });

  it('is deterministic and hands out fresh objects', () => {
    const again = buildDemoCatalogue();
    expect(again).toEqual(items);
    expect(again[0]).not.toBe(items[0]);
  });

  it('has 382 approval items with flow steps', () => {
    expect(items.filter((i) => i.steps.length > 0)).toHaveLength(382);
    expect(items.filter((i) => i.steps.length === 0)).toHaveLength(99);
  });

  it('makes about 30% of the items instant (即办件)', () => {
    const rate = instant.length / items.length;
    expect(rate).toBeGreaterThanOrEqual(0.28);
    expect(rate).toBeLessThanOrEqual(0.32);
  });

  it('promises under 10 working days on average, well below the legal limits', () => {
    const promised = average(items.map((i) => i.promisedDays));
    const legal = average(items.map((i) => i.legalDays));
    expect(promised).toBeLessThan(10);
    expect(legal).toBeGreaterThan(promised);
    expect(legal).toBeGreaterThanOrEqual(12);
    expect(legal).toBeLessThanOrEqual(20);
    for (const item of items) expect(item.promisedDays).toBeLessThanOrEqual(item.legalDays);
  });

  it('keeps each flow within its promise', () => {
    for (const item of items.filter((i) => i.steps.length > 0)) {
      const days = item.steps.reduce((sum, s) => sum + s.limitDays, 0);
      if (item.promisedDays > 0) expect(days).toBeLessThanOrEqual(item.promisedDays);
      else expect(days).toBe(0);
    }
  });

  it('has a few parallel approvals (并联审批), none instant', () => {
    const parallel = items.filter((i) => i.parallel);
    expect(parallel.length).toBeGreaterThanOrEqual(3);
    expect(parallel.length).toBeLessThanOrEqual(8);
    for (const item of parallel) {
      expect(item.promisedDays).toBeGreaterThan(0);
      expect(item.parallel!.coDepartments).not.toContain(item.parallel!.leadDepartment);
    }
    expect(parallel).toContainEqual(
      expect.objectContaining({ parallel: expect.objectContaining({ leadDepartment: '区市场监管局', coDepartments: ['区税务局', '区人力社保局'] }) }),
    );
  });

  it('allows deferred acceptance (容缺受理) only of required materials', () => {
    expect(items.filter((i) => i.materials.some((m) => m.deferrable)).length).toBeGreaterThanOrEqual(20);
    for (const m of items.flatMap((i) => i.materials)) if (m.deferrable) expect(m.required).toBe(true);
  });

  it('has special procedures (特殊环节) on non-instant items only', () => {
    const special = items.filter((i) => i.specialProcedures.length > 0);
    expect(special.length).toBeGreaterThanOrEqual(10);
    for (const item of special) expect(item.promisedDays).toBeGreaterThan(0);
  });

  it('spreads the items over the tiers', () => {
    const village = items.filter((i) => i.tier === 'village');
    expect(village.length).toBeGreaterThan(0);
    for (const item of village) {
      expect(item.category).toBe('convenience');
      expect(item.proxyEligible).toBe(true);
    }
    const town = items.filter((i) => i.tier === 'town');
    expect(town.filter((i) => i.proxyEligible).length / town.length).toBeGreaterThan(0.5);
    expect(town.some((i) => i.category === 'licensing')).toBe(true);
    const licensing = items.filter((i) => i.category === 'licensing');
    expect(licensing.filter((i) => i.tier === 'district').length / licensing.length).toBeGreaterThan(0.6);
  });

  it('lists materials with unique codes and mostly free items', () => {
    for (const item of items) {
      expect(item.materials.length).toBeGreaterThanOrEqual(1);
      expect(item.materials.length).toBeLessThanOrEqual(6);
      expect(new Set(item.materials.map((m) => m.code)).size).toBe(item.materials.length);
    }
    const charged = items.filter((i) => !i.fees.free);
    expect(charged.length).toBeGreaterThan(0);
    expect(charged.length).toBeLessThan(items.length / 10);
  });

  it('has the business licence a search for 营业 finds', () => {
    expect(items.some((i) => i.name.includes('营业'))).toBe(true);
    expect(items.some((i) => i.name.includes('个体工商户营业执照'))).toBe(true);
  });

  it('satisfies the class-validator contract for every item', () => {
    const failures = items.flatMap((item) => {
      const errors = validateSync(plainToInstance(ServiceItemInput, item), { whitelist: true, forbidNonWhitelisted: true });
      return errors.length ? [`${item.code} ${item.name}: ${flatten(errors).join('; ')}`] : [];
    });
    if (failures.length) throw new Error(`${failures.length} invalid items, first: \n${failures.slice(0, 5).join('\n')}`);
    // The check above is not vacuous: a broken copy is refused.
    const broken = { ...items[0], code: 'bad code', extra: 1, materials: [{ ...items[0].materials[0], copies: 0 }] };
    expect(flatten(validateSync(plainToInstance(ServiceItemInput, broken), { whitelist: true, forbidNonWhitelisted: true })).length).toBeGreaterThanOrEqual(3);
  });

  it('satisfies the catalogue cross-field rules for every item', () => {
    const failures = items.flatMap((item) => itemRuleProblems(item).map((p) => `${item.code} ${p.field}: ${p.message}`));
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
