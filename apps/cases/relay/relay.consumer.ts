import { CaseEvents, caseEventSubject, type CaseStatus, type EventEnvelope } from '@app/contracts';
import { EventConsumers, OutboxWriter } from '@app/messaging';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CasesRepository } from '../cases.repository.js';
import { eventData } from '../submission/submission.service.js';

/** Timeline actions of the steps the relay takes. */
const ACTION: Record<string, string> = { arrived: 'arrive', relayed: 'relay', 'result-relayed': 'relay-result', 'result-returned': 'return-result' };

/**
 * Moves cases along their route through the bus: each dispatch event (`sent`, `relayed`,
 * `result-sent`, `result-relayed`) makes the open hop arrive; an intermediate unit relays at once
 * (a new hop, `relayed`), the handling unit gets the case (`arrived`), and a returning result
 * reaches the origin (`result-returned`). Each step is its own transaction with its event, so a
 * crash resumes where it stopped and a redelivery finds no open hop and does nothing.
 *
 * One durable per dispatch transition, each filtered to it (nats-server 2.9 takes one filter per
 * consumer): a single durable on every case event processed (a transaction, an ack) the many
 * events the relay ignores, about two of every three of a submission's.
 */
@Injectable()
export class RelayConsumer implements OnModuleInit {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly cases: CasesRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  onModuleInit(): void {
    const handle = async (e: EventEnvelope, m: EntityManager) => this.advance(m, (e.data as { id: string }).id);
    this.consumers.register({ name: 'relay-sent', from: 'cases', filter: CaseEvents.of('sent'), handle });
    this.consumers.register({ name: 'relay-relayed', from: 'cases', filter: CaseEvents.of('relayed'), handle });
    this.consumers.register({ name: 'relay-result-sent', from: 'cases', filter: CaseEvents.of('result-sent'), handle });
    this.consumers.register({ name: 'relay-result-relayed', from: 'cases', filter: CaseEvents.of('result-relayed'), handle });
  }

  private async advance(m: EntityManager, caseId: string): Promise<void> {
    const [locked] = await m.query('SELECT id FROM case_file WHERE id = $1 FOR UPDATE', [caseId]);
    if (!locked) return;
    const hop = await this.cases.arriveOpenHop(m, caseId);
    if (!hop) return;
    const c = (await this.cases.byId(m, caseId))!;
    const path = hop.direction === 'up' ? c.route : [...c.route].reverse();
    const next = path[hop.position + 1];
    const last = next === undefined;
    let toStatus: CaseStatus = c.status;
    let event: string;
    if (hop.direction === 'up' && last) {
      toStatus = 'arrived';
      event = 'arrived';
    } else if (hop.direction === 'down' && last) {
      event = 'result-returned';
    } else {
      event = hop.direction === 'up' ? 'relayed' : 'result-relayed';
      await this.cases.addHop(m, caseId, { from: hop.toUnitCode, to: next, direction: hop.direction });
    }
    await this.cases.update(m, caseId, c.version, { status: toStatus, currentUnitCode: hop.toUnitCode });
    await this.cases.appendTimeline(m, caseId, { action: ACTION[event], fromStatus: c.status, toStatus, unitCode: hop.toUnitCode, actor: null, note: next ? `to ${next}` : null });
    await this.outbox.append(m, caseEventSubject(event, hop.toUnitCode), eventData((await this.cases.byId(m, caseId))!));
  }
}
