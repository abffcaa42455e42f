import type { CaseView, Light } from '@app/contracts';
import type { CaseRow } from './cases.repository.js';

/** The case as callers see it: personal data masked (the sealed values never leave the repository). */
export function caseView(r: CaseRow, light: Light | null = null, undecidedFlag = false): CaseView {
  return {
    id: r.id,
    trackingNo: r.trackingNo,
    queryCode: r.queryCode,
    status: r.status,
    itemCode: r.itemCode,
    itemVersion: r.itemVersion,
    itemName: r.itemName,
    originUnitCode: r.originUnitCode,
    handlingUnitCode: r.handlingUnitCode,
    currentUnitCode: r.currentUnitCode,
    route: r.route,
    channel: r.channel,
    applicant: { name: r.applicantName, idNumber: r.applicantIdMasked, phone: r.applicantPhoneMasked },
    result: r.result,
    deadlines: { promised: r.promisedDeadline, legal: r.legalDeadline, provisional: r.deadlineProvisional },
    steps: r.itemSteps.map((s, i) => ({ ...s, due: r.stepDeadlines[i] ?? null })),
    light,
    owedMaterials: r.owedMaterials,
    supplement: r.supplement,
    forwardCount: r.forwardCount,
    passedAround: r.forwardCount >= 2,
    decisions: r.decisions,
    undecidedFlag,
    rating: r.rating,
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}
