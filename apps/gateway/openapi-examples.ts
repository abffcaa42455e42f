import type { OpenAPIObject } from '@nestjs/swagger';

/** Example answers, from the demo data (see the README walkthrough). */
const UNIT = { code: '500117106200', name: '青田村', tier: 'village', kind: 'village', parentCode: '500117106000', path: '500117000000.500117106000.500117106200', active: true, demo: true };
const USER = { id: '1ff0164a-176a-44ac-9e5e-0c4f0c6b11a2', username: 'gulou.clerk', displayName: '古楼镇窗口', unit: { code: '500117106000', name: '古楼镇', tier: 'town' }, roles: ['clerk'], disabled: false, lockedUntil: null, createdAt: '2026-11-28T09:30:00.000Z' };
const CLIENT = { clientId: 'pc_3f9a1c2b7d4e5f60a1b2', name: '古楼镇网格系统', unitCode: '500117106000', scopes: ['cases:read', 'cases:write'], revokedAt: null, createdAt: '2026-11-28T09:31:00.000Z' };
const ITEM = {
  code: 'HC-T-0001', name: '个体工商户营业执照（新办）', category: 'licensing', department: '区市场监管局', tier: 'town', legalBasis: '《促进个体工商户发展条例》',
  legalDays: 15, promisedDays: 1, proxyEligible: true,
  materials: [{ code: 'M1', name: '居民身份证', required: true, deferrable: false, form: 'original', copies: 1 }, { code: 'M4', name: '经营场所证明', required: false, deferrable: true, form: 'copy', copies: 1 }],
  fees: { free: true }, steps: [{ code: 'S1', name: '受理', role: 'clerk', limitDays: 0 }, { code: 'S2', name: '审查决定', role: 'approver', limitDays: 1 }],
  specialProcedures: [], guide: '经营者本人持身份证到镇街公共服务中心办理，或由村(社区)代办员代办。', location: '古楼镇公共服务中心', window: 'A3',
  complaintChannel: '12345政务服务便民热线', version: 1, status: 'published', instant: false, publishedAt: '2026-11-28T09:00:00.000Z',
};
const HOP = { fromUnitCode: '500117106200', toUnitCode: '500117106000', direction: 'up', sentAt: '2026-11-28T11:34:09.314Z', arrivedAt: '2026-11-28T11:34:09.402Z' };
const CASE = {
  id: '1c1b74df-ed81-4ead-85a4-8d65cac9bfea', trackingNo: '500117-20261128-000001', queryCode: 'AEQNP8', status: 'accepted', itemCode: 'HC-T-0001', itemVersion: 1,
  itemName: '个体工商户营业执照（新办）', originUnitCode: '500117106200', handlingUnitCode: '500117106000', currentUnitCode: '500117106000',
  route: ['500117106200', '500117106000'], channel: 'agent', applicant: { name: '张三', idNumber: '500***********0019', phone: '138****8000' }, result: null,
  deadlines: { promised: '2026-11-30', legal: '2026-12-18', provisional: false }, steps: [{ code: 'S1', name: '受理', role: 'clerk', limitDays: 0, due: '2026-11-28' }, { code: 'S2', name: '审查决定', role: 'approver', limitDays: 1, due: '2026-11-30' }],
  light: 'green', owedMaterials: [], supplement: null, forwardCount: 0, passedAround: false, decisions: null, undecidedFlag: false, rating: null, version: 6, createdAt: '2026-11-28T11:34:09.300Z',
};
const CASE_FULL = {
  ...CASE,
  timeline: [{ at: '2026-11-28T11:34:09.300Z', action: 'submit', fromStatus: null, toStatus: 'submitted', unitCode: '500117106200', actor: { username: 'gulou-v1.agent', unitCode: '500117106200' }, note: 'channel: agent' }],
  hops: [HOP],
};
const PLAN = { itemCode: 'HC-D-0001', itemVersion: 1, itemTier: 'district', originUnitCode: '500117106200', handlingUnitCode: '500117000000', route: ['500117106200', '500117106000', '500117000000'], routePaths: ['500117000000.500117106000.500117106200', '500117000000.500117106000', '500117000000'], delegated: false, skipped: [] };
const LINE = { caseId: CASE.id, trackingNo: CASE.trackingNo, itemCode: CASE.itemCode, itemName: CASE.itemName, status: 'completed', currentUnitCode: '500117106200', promisedDeadline: '2026-11-30', updatedAt: '2026-11-28T11:40:00.000Z' };
const SHIPMENT = { id: '7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09', agent: 'user:a88395de-2e42-4f6d-912a-4ece47aced4c', fromUnitCode: '500117106200', toUnitCode: '500117106000', status: 'sent', manifest: [{ caseId: CASE.id, trackingNo: CASE.trackingNo, itemCode: CASE.itemCode, itemName: CASE.itemName }], discrepancies: [], sentAt: '2026-11-28T14:00:00.000Z', receivedAt: null, receivedBy: null };
const AUTHORIZATION = { authorizationNo: 'WT-20261128-0A1B2C3D', agent: 'user:a88395de-2e42-4f6d-912a-4ece47aced4c', residentName: '王五', residentIdNumber: '500***********0019', itemCode: 'HC-V-0001', consentAt: '2026-11-28T01:30:00.000Z', documentRef: 'scan/2026/11/28/001.pdf', createdAt: '2026-11-28T01:31:00.000Z' };
const JOB = { id: '0b7f3c52-6a1e-4c8e-9d2f-1a2b3c4d5e6f', status: 'rejected', format: 'csv', mode: 'all-or-nothing', total: 500, processed: 500, created: 0, updated: 0, unchanged: 0, failed: 1, problems: [{ row: 17, line: 18, code: 'IMP-0017', field: 'promisedDays', message: 'promisedDays (30) must not exceed legalDays (20)' }], startedAt: '2026-11-28T10:00:00.000Z', finishedAt: '2026-11-28T10:00:02.000Z' };
const page = (item: unknown) => ({ items: [item], nextCursor: 'eyJrIjoiNTAwMTE3MTA2MjAwIn0.Zm9v' });
const TOKENS = { accessToken: 'eyJhbGciOiJFUzI1NiIsImtpZCI6Ij…', refreshToken: 'k2V0c1dH…', expiresIn: 900, tokenType: 'Bearer' };

/** Per operation (Nest's operationId): the status and example of its answer. */
const ANSWERS: Record<string, [number, unknown, string?]> = {
  HealthController_health: [200, { status: 'ok', bus: { kind: 'nats', connected: true }, database: { ok: true }, services: { cases: { service: 'cases', instance: 'cases-7c9d:1', status: 'ok', database: { ok: true, latencyMs: 2 }, outbox: { backlog: 0, oldestPendingAgeSeconds: 0 }, deadLetters: 0, bus: 'nats', consumers: { bound: 3, total: 3 } } } }],
  HealthController_live: [200, { status: 'ok' }],
  HealthController_ready: [200, { status: 'ok', bus: { kind: 'nats', connected: true } }],
  HealthController_serviceHealth: [200, { service: 'cases', instance: 'cases-7c9d:1', status: 'ok', database: { ok: true, latencyMs: 2 }, outbox: { backlog: 0, oldestPendingAgeSeconds: 0 }, deadLetters: 0, bus: 'nats', consumers: { bound: 3, total: 3 } }],
  MetricsController_metrics: [200, 'outbox_backlog{service="cases"} 0\nevents_dead_letters{service="agents"} 0\n', 'text/plain'],
  AuthController_login: [200, TOKENS],
  AuthController_refresh: [200, TOKENS],
  AuthController_token: [200, { access_token: 'eyJhbGciOiJFUzI1NiIsImtpZCI6Ij…', token_type: 'Bearer', expires_in: 3600, scope: 'cases:read cases:write' }],
  AuthController_jwks: [200, { keys: [{ kty: 'EC', crv: 'P-256', x: 'bTNw3fTdD0-J2v3xfjQk-EigQenAsfcMODOTi6cmrA4', y: 'OuOmgCuG72mvBwDpFWpTpB0hrQR4lk_PzzSLtRRRHFs', kid: '91655c93-d6e1-4054-801f-2f91b86ff84c', alg: 'ES256', use: 'sig' }] }],
  AuthController_me: [200, { id: USER.id, username: 'gulou-v1.agent', displayName: '青田村代办员', roles: ['agent'], unit: { code: '500117106200', name: '青田村', tier: 'village' } }],
  OrgUnitsController_list: [200, page(UNIT)],
  OrgUnitsController_get: [200, UNIT],
  OrgUnitsController_update: [200, { ...UNIT, active: false }],
  UsersController_create: [201, USER],
  UsersController_list: [200, page(USER)],
  UsersController_get: [200, USER],
  UsersController_disable: [200, { ...USER, disabled: true }],
  UsersController_enable: [200, USER],
  PartnerClientsController_create: [201, { ...CLIENT, clientSecret: 'pcs_Qm9vZ2llV29vZ2llQm9vZ2llV29vZ2llQm9vZ2ll' }],
  PartnerClientsController_list: [200, page(CLIENT)],
  PartnerClientsController_revoke: [200, { ...CLIENT, revokedAt: '2026-11-28T12:00:00.000Z' }],
  AuditController_list: [200, page({ id: '42', at: '2026-11-28T09:30:00.000Z', actor: 'user:admin', action: 'user.created', targetType: 'user', targetId: USER.id, details: { username: 'gulou.clerk', roles: ['clerk'] } })],
  CatalogueController_search: [200, page(ITEM)],
  CatalogueController_create: [201, { ...ITEM, status: 'draft', publishedAt: null, draft: true }],
  CatalogueController_stats: [200, { items: 481, instantItems: 144, instantRate: 0.2994, avgPromisedDays: 6.7796, avgLegalDays: 15.5426, compression: 0.5638, approvalItemsWithFlow: 382, byCategory: { licensing: 221, 'public-service': 79, convenience: 60, benefit: 52, confirmation: 41, 'other-power': 28 }, byTier: { district: 326, town: 95, village: 60 } }],
  CatalogueController_get: [200, ITEM],
  CatalogueController_update: [200, { ...ITEM, version: 2, status: 'draft', publishedAt: null, draft: true }],
  CatalogueController_publish: [200, ITEM],
  CatalogueController_retire: [200, { ...ITEM, status: 'retired' }],
  CatalogueController_versions: [200, [{ version: 1, status: 'superseded', createdAt: '2026-11-01T09:00:00.000Z', publishedAt: '2026-11-01T09:05:00.000Z' }, { version: 2, status: 'published', createdAt: '2026-11-28T09:00:00.000Z', publishedAt: '2026-11-28T09:05:00.000Z' }]],
  CatalogueController_import: [202, { ...JOB, status: 'running', processed: 0, problems: [], finishedAt: null }],
  CatalogueController_importJob: [200, JOB],
  CatalogueController_export: [200, 'code,name,category,department,tier,…\r\nHC-T-0001,个体工商户营业执照（新办）,licensing,区市场监管局,town,…\r\n', 'text/csv'],
  RoutingController_plan: [200, PLAN],
  RoutingController_forwardCheck: [200, { toUnitCode: '500117100000', path: '500117000000.500117100000', ok: true }],
  RoutingController_delegations: [200, [{ itemCode: 'HC-D-0120', towns: ['500117100000', '500117106000'], updatedAt: '2026-11-28T09:00:00.000Z', updatedBy: null }]],
  RoutingController_delegation: [200, { itemCode: 'HC-D-0120', towns: ['500117100000', '500117106000'], updatedAt: '2026-11-28T09:00:00.000Z', updatedBy: 'user:admin' }],
  RoutingController_setDelegation: [200, { itemCode: 'HC-D-0120', towns: ['500117106000'], updatedAt: '2026-11-28T12:00:00.000Z', updatedBy: 'user:admin' }],
  CasesController_submit: [201, { ...CASE, status: 'in_transit', currentUnitCode: '500117106200', deadlines: { promised: null, legal: null, provisional: false }, light: null, version: 2 }],
  CasesController_list: [200, page(CASE)],
  CasesController_get: [200, CASE_FULL],
  CasesController_act: [200, CASE],
  CasesController_track: [200, { trackingNo: CASE.trackingNo, itemName: CASE.itemName, status: 'delivered', currentUnit: { code: '500117106200' }, hops: [HOP], deadline: '2026-11-30', light: null, result: { decision: 'approved' } }],
  CasesController_rate: [201, { trackingNo: CASE.trackingNo, level: 5 }],
  CasesController_deadline: [200, { deadline: '2026-02-24', provisional: false }],
  CasesController_year: [200, { year: 2026, holidays: ['2026-01-01', '2026-01-02', '2026-01-03'], workdays: ['2026-01-04'], source: { title: '国务院办公厅关于2026年部分节假日安排的通知', issued: '2025-11-04', reference: '国办发明电〔2025〕7号' }, provisional: false }],
  CasesController_loadYear: [200, { year: 2027, holidays: ['2027-01-01'], workdays: [], source: { title: '国务院办公厅关于2027年部分节假日安排的通知', issued: '2026-11-10', reference: '…' }, recomputed: 12 }],
  AgentsController_workbench: [200, { agent: 'user:a88395de-2e42-4f6d-912a-4ece47aced4c', byStatus: { in_transit: 1, accepted: 3, completed: 1 }, total: 5, awaitingSupplement: [], resultsReady: [LINE], overdue: [] }],
  AgentsController_figures: [200, [{ agent: 'user:a88395de-2e42-4f6d-912a-4ece47aced4c', originUnitCode: '500117106200', filed: 103, completed: 97, averageDays: 2.41 }]],
  AgentsController_authorize: [201, AUTHORIZATION],
  AgentsController_authorizations: [200, [AUTHORIZATION]],
  AgentsController_ship: [201, SHIPMENT],
  AgentsController_shipment: [200, SHIPMENT],
  AgentsController_receive: [200, { ...SHIPMENT, status: 'received', receivedAt: '2026-11-28T16:00:00.000Z', receivedBy: 'gulou.clerk', discrepancies: [{ caseId: CASE.id, note: '申请表缺签字' }] }],
};

const PROBLEM = { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'Case 1c1b74df-ed81-4ead-85a4-8d65cac9bfea was not found', code: 'NOT_FOUND', instance: '/api/v1/cases/1c1b74df-ed81-4ead-85a4-8d65cac9bfea' };

/** Adds every operation's example answer, and the problem+json every error answer has. */
export function documentAnswers(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as { operationId?: string; responses?: Record<string, { description?: string; content?: object }> }[]) {
      const answer = op.operationId ? ANSWERS[op.operationId] : undefined;
      op.responses ??= {};
      if (answer) {
        const [status, example, type = 'application/json'] = answer;
        op.responses[status] = { description: op.responses[status]?.description ?? 'OK', content: { [type]: { example } } };
      }
      op.responses.default = {
        description: 'An error, as RFC 9457 problem details with a stable code (validation errors list the fields)',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: PROBLEM } },
      };
    }
  }
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail', 'code'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          code: { type: 'string' },
          instance: { type: 'string' },
          fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          errorId: { type: 'string' },
        },
      },
    },
  };
}
