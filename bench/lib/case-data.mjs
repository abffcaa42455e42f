// Realistic cases for the bench: units come from identity's org_unit, items from the catalogue's
// published versions (the database the services seeded), personal data is sealed with the real
// protector (dist/apps/cases/personal-data/protect.js).
import { randomUUID, randomInt } from 'node:crypto';

const QUERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const queryCode = () => Array.from({ length: 6 }, () => QUERY_ALPHABET[randomInt(QUERY_ALPHABET.length)]).join('');

/** GB 11643 check character. */
export function withCheckDigit(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红建文辉力梅琴云莲'];

export async function loadReferenceData(client) {
  const units = (await client.query(`SELECT code, path, tier, parent_code AS "parentCode" FROM identity.org_unit ORDER BY code`)).rows;
  const items = (
    await client.query(`SELECT v.code, v.version, v.name, v.tier, v.promised_days AS "promisedDays", v.legal_days AS "legalDays", v.body
        FROM catalogue.service_item i JOIN catalogue.service_item_version v ON v.code = i.code AND v.version = i.current_version
       WHERE i.status = 'published' ORDER BY v.code`)
  ).rows;
  if (units.length === 0 || items.length === 0) throw new Error(`no reference data yet (units ${units.length}, items ${items.length})`);
  return { units, items };
}

/** The chain from the district down to a unit, and the route a case filed there for an item of `tier` takes (routing's rule, no delegation). */
export function makeRouter(units) {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const chainOf = (u) => {
    const chain = [];
    for (let x = u; x; x = x.parentCode ? byCode.get(x.parentCode) : undefined) chain.unshift(x);
    return chain;
  };
  return (origin, tier) => {
    const chain = chainOf(origin);
    const originIndex = chain.length - 1;
    const tierIndex = chain.findIndex((u) => u.tier === tier);
    const handling = tierIndex === -1 ? originIndex : Math.min(tierIndex, originIndex);
    const route = [];
    for (let i = originIndex; i >= handling; i--) route.push(chain[i]);
    return route;
  };
}

/** A pool of applicants with sealed ID numbers and phones (sealing a million is needless work). */
export function makeApplicants(protector, n = 2000) {
  return Array.from({ length: n }, (_, i) => {
    const id = withCheckDigit(`500117${1950 + (i % 55)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`);
    const phone = `13${String(100000000 + ((i * 7919) % 900000000)).slice(0, 9)}`;
    return {
      name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : ''),
      idSealed: protector.seal(id),
      idMasked: `${id.slice(0, 3)}***********${id.slice(-4)}`,
      idLookup: protector.lookupHash(id),
      phoneSealed: protector.seal(phone),
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    };
  });
}

const DAY = 86_400_000;
const dateOnly = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai day
const iso = (ms) => new Date(ms).toISOString();

/** Finished cases (older than two months) and the open states of recent ones. */
function pickStatus(ageDays, route) {
  const r = Math.random();
  if (ageDays > 60) {
    if (r < 0.86) return 'delivered';
    if (r < 0.94) return 'rejected';
    if (r < 0.98) return 'withdrawn';
    return 'completed';
  }
  const open = ['in_transit', 'arrived', 'received', 'supplement_requested', 'accepted', 'accepted', 'accepted', 'suspended', 'completed', 'delivered', 'delivered', 'rejected', 'withdrawn'];
  if (r < 0.002) return 'submitted';
  const s = open[Math.floor(Math.random() * open.length)];
  return s === 'in_transit' && route.length === 1 ? 'arrived' : s;
}

/**
 * One case with everything the services keep of it: the case_file row (as the cases repository
 * writes it), its scope paths (case_unit), hops and timeline.
 */
export function makeCase({ origin, item, route, applicant, createdMs, trackingNo, agentCount }) {
  const ageDays = (Date.now() - createdMs) / DAY;
  const status = pickStatus(ageDays, route);
  const handling = route[route.length - 1];
  const channel = origin.tier === 'village' ? 'agent' : Math.random() < 0.9 ? 'window' : 'partner';
  const body = item.body;
  const mats = (body.materials ?? []).map(({ code, name, required, deferrable }) => ({ code, name, required, deferrable }));
  const t = (h) => createdMs + h * 3600_000 * (0.5 + Math.random());
  const timeline = [];
  const hops = [];
  let clock = createdMs;
  const add = (action, from, to, unit, actor, note = null) => timeline.push({ at: (clock = Math.max(clock + 1000, t(timeline.length * 3))), action, from, to, unit, actor, note });
  const agent = `${origin.code.slice(6)}.${channel === 'agent' ? 'agent' : 'clerk'}${1 + (agentCount % 3)}`;
  add('submit', null, 'submitted', origin.code, agent, `channel: ${channel}`);
  const order = ['submitted', 'in_transit', 'arrived', 'received', 'accepted', 'completed', 'delivered'];
  const reach = { submitted: 0, in_transit: 1, arrived: 2, received: 3, supplement_requested: 3, accepted: 4, suspended: 4, completed: 5, delivered: 6, rejected: 3, withdrawn: 2 }[status];
  let current = origin.code;
  let receivedAt = null, acceptedAt = null, result = null, promised = null, legal = null, rating = null;
  if (reach >= 1) {
    if (route.length === 1) add('arrive', 'submitted', 'arrived', origin.code, null, 'handled at the origin');
    else {
      add('send', 'submitted', 'in_transit', origin.code, null, `to ${route[1].code}`);
      for (let i = 1; i < route.length; i++) {
        const sent = clock;
        const arrived = reach >= 2 || i < route.length - 1;
        hops.push({ from: route[i - 1].code, to: route[i].code, dir: 'up', sent, arrivedAt: arrived ? (clock += 200 + Math.random() * 400) : null });
        if (!arrived) break;
        current = route[i].code;
        if (i < route.length - 1) add('relay', 'in_transit', 'in_transit', route[i].code, null, `to ${route[i + 1].code}`);
        else add('arrive', 'in_transit', 'arrived', route[i].code, null, null);
      }
    }
  }
  const clerk = `${handling.code.slice(6)}.clerk`;
  if (status === 'withdrawn') add('withdraw', 'arrived', 'withdrawn', current, agent);
  if (reach >= 3 && status !== 'withdrawn') {
    add('receive', 'arrived', 'received', handling.code, clerk);
    receivedAt = clock;
    if (status === 'supplement_requested') add('request-supplement', 'received', 'supplement_requested', handling.code, clerk, 'M2: unreadable copy');
    if (status === 'rejected') add('reject', 'received', 'rejected', handling.code, clerk, 'not within the conditions');
  }
  if (reach >= 4) {
    add('accept', 'received', 'accepted', handling.code, clerk);
    acceptedAt = clock;
    promised = dateOnly(acceptedAt + Math.ceil(item.promisedDays * 1.4) * DAY);
    legal = dateOnly(acceptedAt + Math.ceil(item.legalDays * 1.4) * DAY);
    if (status === 'suspended') add('suspend', 'accepted', 'suspended', handling.code, clerk, 'expert review');
  }
  if (reach >= 5) {
    const decision = Math.random() < 0.93 ? 'approved' : 'denied';
    add('decide', 'accepted', 'completed', handling.code, `${handling.code.slice(6)}.approver`);
    result = { decision, reason: decision === 'denied' ? 'conditions not met' : null, decidedAt: iso(clock) };
    for (let i = route.length - 1; i > 0; i--) {
      const sent = clock;
      hops.push({ from: route[i].code, to: route[i - 1].code, dir: 'down', sent, arrivedAt: (clock += 200 + Math.random() * 400) });
      current = route[i - 1].code;
    }
    if (route.length > 1) add('return-result', 'completed', 'completed', origin.code, null, null);
  }
  if (reach >= 6) {
    add('deliver', 'completed', 'delivered', origin.code, agent, 'channel: door');
    if (Math.random() < 0.3) rating = { level: 3 + Math.floor(Math.random() * 3), comment: null, at: iso(clock + DAY) };
  }
  if (status === 'submitted') timeline.length = 1;
  if (status === 'in_transit') current = hops.length ? hops[hops.length - 1].from : origin.code;
  const updated = timeline[timeline.length - 1].at;
  return {
    id: randomUUID(),
    trackingNo,
    queryCode: queryCode(),
    status,
    itemCode: item.code,
    itemVersion: item.version,
    itemName: item.name,
    promisedDays: item.promisedDays,
    legalDays: item.legalDays,
    originUnitCode: origin.code,
    handlingUnitCode: handling.code,
    currentUnitCode: current,
    route: route.map((u) => u.code),
    routePaths: route.map((u) => u.path),
    channel,
    submittedBy: `user:${agent}`,
    applicant,
    materials: mats.map((m) => ({ code: m.code, provided: true })),
    proxy: channel === 'agent' ? { consent: true } : null,
    itemMaterials: mats,
    itemProcedures: body.specialProcedures ?? [],
    itemParallel: body.parallel ?? null,
    itemSteps: body.steps ?? [],
    originPath: origin.path,
    result,
    rating,
    acceptedAt,
    receivedAt,
    promised,
    legal,
    createdMs,
    updatedMs: updated,
    version: timeline.length,
    hops,
    timeline,
  };
}

// COPY text format: escape backslash, tab, newline, carriage return; \N is NULL.
const esc = (v) => {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
};
const json = (v) => (v === null || v === undefined ? '\\N' : esc(JSON.stringify(v)));
const pgArray = (a) => `{${a.join(',')}}`;
const ts = (ms) => (ms === null ? '\\N' : iso(ms));

export const CASE_FILE_COLUMNS = [
  'id', 'tracking_no', 'query_code', 'status', 'item_code', 'item_version', 'item_name', 'promised_days', 'legal_days', 'origin_unit_code',
  'handling_unit_code', 'current_unit_code', 'route', 'channel', 'submitted_by', 'applicant_name', 'applicant_id_sealed', 'applicant_id_masked',
  'applicant_id_lookup', 'applicant_phone_sealed', 'applicant_phone_masked', 'materials', 'proxy', 'form_data', 'result', 'accepted_at',
  'promised_deadline', 'legal_deadline', 'version', 'created_at', 'updated_at', 'item_materials', 'item_procedures', 'item_parallel',
  'rating', 'received_at', 'origin_path', 'item_steps',
];

export function caseFileLine(c) {
  const a = c.applicant;
  return [
    c.id, c.trackingNo, c.queryCode, c.status, esc(c.itemCode), c.itemVersion, esc(c.itemName), c.promisedDays, c.legalDays, c.originUnitCode,
    c.handlingUnitCode, c.currentUnitCode, pgArray(c.route), c.channel, esc(c.submittedBy), esc(a.name), a.idSealed, a.idMasked,
    a.idLookup, a.phoneSealed, a.phoneMasked, json(c.materials), json(c.proxy), '\\N', json(c.result), ts(c.acceptedAt),
    c.promised ?? '\\N', c.legal ?? '\\N', c.version, ts(c.createdMs), ts(c.updatedMs), json(c.itemMaterials), json(c.itemProcedures), json(c.itemParallel),
    json(c.rating), ts(c.receivedAt), c.originPath, json(c.itemSteps),
  ].join('\t') + '\n';
}

export const caseUnitLines = (c) => [...new Set(c.routePaths)].map((p) => `${c.id}\t${p}\n`).join('');
export const caseHopLines = (c) => c.hops.map((h, i) => `${c.id}\t${i + 1}\t${h.from}\t${h.to}\t${h.dir}\t${ts(h.sent)}\t${ts(h.arrivedAt)}\n`).join('');
export const caseTimelineLines = (c) =>
  c.timeline.map((e, i) => `${c.id}\t${i + 1}\t${ts(e.at)}\t${e.action}\t${e.from ?? '\\N'}\t${e.to}\t${e.unit}\t${e.actor ? esc(e.actor) : '\\N'}\t${e.actor ? e.unit : '\\N'}\t${e.note === null ? '\\N' : esc(e.note)}\n`).join('');
