import type { ServiceItemInput } from '@app/contracts';

/** A valid town-tier licensing item; tests change what they need. */
export function itemFixture(code: string, overrides: Partial<ServiceItemInput> = {}): ServiceItemInput {
  return {
    code,
    name: `测试事项${code}`,
    category: 'licensing',
    department: '区市场监管局',
    tier: 'town',
    legalBasis: '《中华人民共和国行政许可法》',
    legalDays: 20,
    promisedDays: 5,
    proxyEligible: true,
    materials: [
      { code: 'M1', name: '居民身份证', required: true, deferrable: false, form: 'original', copies: 1 },
      { code: 'M2', name: '申请表', required: true, deferrable: true, form: 'either', copies: 2 },
    ],
    fees: { free: true },
    steps: [
      { code: 'S1', name: '受理', role: 'clerk', limitDays: 1 },
      { code: 'S2', name: '审查决定', role: 'approver', limitDays: 3 },
    ],
    specialProcedures: [{ code: 'EXPERT', name: '专家评审', maxDays: 10 }],
    guide: '携带材料到镇街公共服务中心窗口办理。',
    location: '镇街公共服务中心',
    window: 'A1',
    complaintChannel: '12345政务服务便民热线',
    ...overrides,
  };
}
