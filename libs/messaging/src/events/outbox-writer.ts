import type { EventEnvelope, ServiceName } from '@app/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { outgoingHeaders } from '../bus-headers.js';

/**
 * Appends events to the service's outbox inside the caller's transaction: the event exists if
 * and only if the state change committed. A trigger on the table wakes the relay on commit.
 */
export class OutboxWriter {
  constructor(private readonly producer: ServiceName) {}

  async append<T>(manager: EntityManager, subject: string, data: T): Promise<EventEnvelope<T>> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('OutboxWriter.append must run inside a transaction');
    if (!subject.startsWith(`v1.${this.producer}.`)) throw new Error(`${this.producer} may only publish its own subjects, not ${subject}`);
    const envelope: EventEnvelope<T> = { id: randomUUID(), subject, producer: this.producer, occurredAt: new Date().toISOString(), data };
    await manager.query('INSERT INTO outbox (id, subject, payload, headers) VALUES ($1, $2, $3, $4)', [
      envelope.id,
      subject,
      JSON.stringify(envelope),
      JSON.stringify(outgoingHeaders()),
    ]);
    return envelope;
  }
}
