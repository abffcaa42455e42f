import type { FieldProblem, ServiceItemInput } from '@app/contracts';

const DEFAULT_JOINT_CAP_DAYS = 45;

/**
 * The rules of an implementation list that class-validator cannot express (cross-field), each
 * named by its field path. An empty list means the item is acceptable.
 */
export function itemRuleProblems(item: ServiceItemInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (item.promisedDays > item.legalDays) add('promisedDays', `promisedDays (${item.promisedDays}) must not exceed legalDays (${item.legalDays})`);
  duplicates(item.materials.map((m) => m.code)).forEach((i) => add(`materials[${i}].code`, `material code ${item.materials[i].code} is repeated`));
  item.materials.forEach((m, i) => {
    if (m.deferrable && !m.required) add(`materials[${i}].deferrable`, 'only a required material can be deferred (容缺受理)');
  });
  duplicates(item.steps.map((s) => s.code)).forEach((i) => add(`steps[${i}].code`, `step code ${item.steps[i].code} is repeated`));
  const stepDays = item.steps.reduce((sum, s) => sum + s.limitDays, 0);
  if (item.promisedDays > 0 && stepDays > item.promisedDays) add('steps', `the steps take ${stepDays} working days, more than the promised ${item.promisedDays}`);
  if (item.promisedDays === 0) item.steps.forEach((s, i) => s.limitDays > 0 && add(`steps[${i}].limitDays`, 'an instant item (promisedDays 0) has no step longer than 0 days'));
  duplicates(item.specialProcedures.map((s) => s.code)).forEach((i) => add(`specialProcedures[${i}].code`, `special procedure code ${item.specialProcedures[i].code} is repeated`));
  if (item.promisedDays === 0 && item.specialProcedures.length) add('specialProcedures', 'an instant item cannot have special procedures');
  if (!item.fees.free) {
    if (!item.fees.basis) add('fees.basis', 'a charged item needs the legal basis of its fee');
    if (!item.fees.standard) add('fees.standard', 'a charged item needs its fee standard');
  }
  if (item.parallel) {
    const p = item.parallel;
    if (p.coDepartments.length === 0) add('parallel.coDepartments', 'parallel approval needs at least one co-department');
    if (p.coDepartments.includes(p.leadDepartment)) add('parallel.coDepartments', 'the lead department is not also a co-department');
    if (item.promisedDays === 0) add('parallel', 'an instant item cannot use parallel approval');
    const cap = p.capDays ?? DEFAULT_JOINT_CAP_DAYS;
    if (item.promisedDays > cap) add('promisedDays', `promisedDays (${item.promisedDays}) exceeds the joint cap of ${cap} working days`);
  }
  return problems;
}

function duplicates(values: string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => (seen.has(v) ? [i] : (seen.add(v), [])));
}
