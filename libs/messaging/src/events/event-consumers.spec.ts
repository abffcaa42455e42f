import { waitFor } from '@app/testing';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { registerMessagingMetrics } from '../messaging-metrics.js';
import { EventConsumers } from './event-consumers.js';
import type { ConsumerHandle, EventTransport } from './event-transport.js';

/** A transport whose JetStream does not answer until `available` is set. */
class UnavailableJetStream implements EventTransport {
  readonly kind = 'nats' as const;
  available = false;
  attempts = 0;
  bound: string[] = [];
  stopped: string[] = [];
  async ensureStream(): Promise<void> {
    throw new Error('a consumer never creates its stream: the producer does');
  }
  async publish(): Promise<{ streamSeq: number }> {
    throw new Error('not used');
  }
  async consume(spec: { durable: string }): Promise<ConsumerHandle> {
    this.attempts++;
    if (!this.available) throw new Error('503 no responders: JetStream has no quorum');
    this.bound.push(spec.durable);
    return { stop: async () => void this.stopped.push(spec.durable) };
  }
}

function consumersOn(transport: EventTransport): EventConsumers {
  const ds = {} as DataSource;
  const consumers = new EventConsumers(
    'agents',
    ds,
    transport,
    { maxDeliver: 3, backoffMs: 10, ackWaitMs: 1000 },
    registerMessagingMetrics(new Registry(), ds),
    pino({ level: 'silent' }),
    { initial: 10, max: 20 },
  );
  for (const name of ['cases-events', 'routing-events']) consumers.register({ name, from: 'cases', filter: 'v1.cases.>', handle: async () => undefined });
  return consumers;
}

describe('EventConsumers while JetStream is away', () => {
  it('start() returns once every first attempt failed, and binds in the background once JetStream answers', async () => {
    const transport = new UnavailableJetStream();
    const consumers = consumersOn(transport);
    await expect(consumers.start(60_000)).resolves.toBe(false); // the service goes on starting, without waiting a minute
    expect(consumers.state).toEqual({ bound: 0, total: 2 });
    await waitFor('more attempts', async () => transport.attempts > 4); // still trying
    transport.available = true;
    await waitFor('both bound', async () => consumers.state.bound === 2);
    expect(consumers.state).toEqual({ bound: 2, total: 2 });
    expect(transport.bound.sort()).toEqual(['agents-cases-events', 'agents-routing-events']);
    await consumers.stop();
    expect(transport.stopped.sort()).toEqual(['agents-cases-events', 'agents-routing-events']);
  });

  it('start() resolves true when everything binds at once', async () => {
    const transport = new UnavailableJetStream();
    transport.available = true;
    const consumers = consumersOn(transport);
    await expect(consumers.start(5000)).resolves.toBe(true);
    expect(consumers.state).toEqual({ bound: 2, total: 2 });
    await consumers.stop();
  });

  it('stop() ends the retries, and the consumers can start again', async () => {
    const transport = new UnavailableJetStream();
    const consumers = consumersOn(transport);
    await consumers.start(30);
    await consumers.stop();
    const attempts = transport.attempts;
    await new Promise((r) => setTimeout(r, 100));
    expect(transport.attempts).toBe(attempts); // no retry after stop
    expect(transport.bound).toEqual([]);
    transport.available = true;
    await expect(consumers.start(5000)).resolves.toBe(true);
    expect(consumers.state).toEqual({ bound: 2, total: 2 });
    await consumers.stop();
  });

  it('refuses subscriptions registered after the start', async () => {
    const transport = new UnavailableJetStream();
    transport.available = true;
    const consumers = consumersOn(transport);
    await consumers.start();
    expect(() => consumers.register({ name: 'late', from: 'cases', filter: 'v1.cases.>', handle: async () => undefined })).toThrow(/before the consumers start/);
    await consumers.stop();
  });
});
