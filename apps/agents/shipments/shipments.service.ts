import { authorize, notFound, UnitScope, type Caller } from '@app/auth';
import { DomainError, ErrorCode, type CreateShipmentRequest, type ReceiveShipmentRequest, type Shipment } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

const COLUMNS = `id, agent, from_unit_code AS "fromUnitCode", to_unit_code AS "toUnitCode", status, manifest, discrepancies,
  sent_at AS "sentAt", received_at AS "receivedAt", received_by AS "receivedBy"`;

/** 一次送件: an agent sends the paper materials of several of their cases to the village's town in one trip; the town receives and notes what is wrong. */
@Injectable()
export class ShipmentsService {
  constructor(private readonly ds: DataSource) {}

  async ship(caller: Caller, req: CreateShipmentRequest): Promise<Shipment> {
    authorize(caller);
    const segments = caller.unitPath.split('.');
    if (segments.length < 3) throw new DomainError(ErrorCode.Unprocessable, 'Shipments go from a village to its town');
    const cases: { caseId: string; trackingNo: string; itemCode: string; itemName: string }[] = await this.ds.query(
      `SELECT case_id AS "caseId", tracking_no AS "trackingNo", item_code AS "itemCode", item_name AS "itemName" FROM agent_case
        WHERE case_id = ANY($1::uuid[]) AND agent = $2 AND origin_unit_code = $3 ORDER BY tracking_no`,
      [req.caseIds, `user:${caller.subject}`, caller.unitCode],
    );
    const unknown = req.caseIds.filter((id) => !cases.some((c) => c.caseId === id));
    if (unknown.length) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Only your own cases filed at your village can be shipped', {
        fields: unknown.map((id) => ({ field: `caseIds[${req.caseIds.indexOf(id)}]`, message: `${id} is not one of your cases (or not known here yet)` })),
      });
    }
    const [row] = await this.ds.query(
      `INSERT INTO shipment (id, agent, from_unit_code, to_unit_code, from_path, status, manifest) VALUES ($1, $2, $3, $4, $5, 'sent', $6) RETURNING ${COLUMNS}`,
      [randomUUID(), `user:${caller.subject}`, caller.unitCode, segments[segments.length - 2], caller.unitPath, JSON.stringify(cases)],
    );
    return view(row);
  }

  async get(caller: Caller, id: string): Promise<Shipment> {
    const scope = UnitScope.of(caller);
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM shipment WHERE id = $1 AND ${scope.sql('from_path', 2)}`, [id, scope.path]);
    if (!row) throw notFound(`Shipment ${id}`);
    return view(row);
  }

  /** The town's clerk receives: what is on the manifest but not received, and any notes, are the discrepancies. */
  async receive(caller: Caller, req: ReceiveShipmentRequest): Promise<Shipment> {
    const shipment = await this.get(caller, req.id);
    authorize(caller);
    if (caller.unitCode !== shipment.toUnitCode) throw new DomainError(ErrorCode.Forbidden, `Only a clerk of ${shipment.toUnitCode} receives this shipment`);
    if (shipment.status !== 'sent') throw new DomainError(ErrorCode.Conflict, 'The shipment has been received already');
    const onManifest = new Set(shipment.manifest.map((c) => c.caseId));
    const extra = req.received.filter((id) => !onManifest.has(id));
    if (extra.length) throw new DomainError(ErrorCode.ValidationFailed, 'Received cases must be on the manifest', { fields: extra.map((id) => ({ field: 'received', message: `${id} is not on the manifest` })) });
    const discrepancies = [
      ...shipment.manifest.filter((c) => !req.received.includes(c.caseId)).map((c) => ({ caseId: c.caseId, note: 'on the manifest, not received' })),
      ...(req.discrepancies ?? []),
    ];
    const [[row]] = await this.ds.query(
      `UPDATE shipment SET status = 'received', received_at = now(), received_by = $2, discrepancies = $3 WHERE id = $1 AND status = 'sent' RETURNING ${COLUMNS}`,
      [req.id, caller.username ?? caller.subject, JSON.stringify(discrepancies)],
    );
    if (!row) throw new DomainError(ErrorCode.Conflict, 'The shipment has been received already');
    return view(row);
  }
}

function view(r: Shipment): Shipment {
  return { ...r, sentAt: new Date(r.sentAt).toISOString(), receivedAt: r.receivedAt ? new Date(r.receivedAt).toISOString() : null };
}
