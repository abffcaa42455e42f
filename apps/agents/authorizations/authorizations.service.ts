import { authorize, UnitScope, type Caller } from '@app/auth';
import { DomainError, ErrorCode, maskIdNumber, normalizeIdNumber, type CreateAuthorizationRequest, type ProxyAuthorization } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

const COLUMNS = `authorization_no AS "authorizationNo", agent, resident_name AS "residentName", resident_id_masked AS "residentIdNumber",
  item_code AS "itemCode", consent_at AS "consentAt", document_ref AS "documentRef", created_at AS "createdAt"`;

/**
 * 委托: the resident's consent for the agent to act, recorded before filing. Only the masked ID
 * number is kept here (the full one lives, protected, with the case).
 */
@Injectable()
export class AuthorizationsService {
  constructor(private readonly ds: DataSource) {}

  async create(caller: Caller, req: CreateAuthorizationRequest): Promise<ProxyAuthorization> {
    authorize(caller);
    if (Date.parse(req.consentAt) > Date.now() + 60_000) throw new DomainError(ErrorCode.ValidationFailed, 'Consent cannot be in the future', { fields: [{ field: 'consentAt', message: 'consentAt is in the future' }] });
    const no = `WT-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
    const [row] = await this.ds.query(
      `INSERT INTO proxy_authorization (authorization_no, agent, agent_unit_path, resident_name, resident_id_masked, item_code, consent_at, document_ref)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [no, `user:${caller.subject}`, caller.unitPath, req.residentName, maskIdNumber(normalizeIdNumber(req.residentIdNumber)), req.itemCode, req.consentAt, req.documentRef ?? null],
    );
    return view(row);
  }

  /** An agent's own; supervisors, clerks and admins see those recorded in their scope. */
  async list(caller: Caller): Promise<ProxyAuthorization[]> {
    authorize(caller);
    const rows = caller.roles.includes('agent')
      ? await this.ds.query(`SELECT ${COLUMNS} FROM proxy_authorization WHERE agent = $1 ORDER BY created_at DESC LIMIT 500`, [`user:${caller.subject}`])
      : await this.ds.query(`SELECT ${COLUMNS} FROM proxy_authorization WHERE ${UnitScope.of(caller).sql('agent_unit_path', 1)} ORDER BY created_at DESC LIMIT 500`, [caller.unitPath]);
    return rows.map(view);
  }
}

function view(r: ProxyAuthorization): ProxyAuthorization {
  return { ...r, consentAt: new Date(r.consentAt).toISOString(), createdAt: new Date(r.createdAt).toISOString() };
}
