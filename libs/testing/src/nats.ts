import { randomBytes } from 'node:crypto';

/** NATS for the tests: NATS_URL when set. REQUIRE_NATS=1 turns a missing NATS into a failure instead of a skip. */
export const testNatsUrl: string | undefined = process.env.NATS_URL || undefined;

/** A BUS_NAMESPACE of its own per test file, so files sharing one NATS never see each other's subjects or streams. */
export function uniqueNamespace(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/** `describe` for tests that need NATS: skipped with a visible reason when NATS_URL is unset, failing when REQUIRE_NATS=1. */
export function describeNats(name: string, fn: () => void): void {
  if (testNatsUrl) {
    describe(name, fn);
  } else if (process.env.REQUIRE_NATS === '1') {
    describe(name, () => {
      it('needs NATS', () => {
        throw new Error('REQUIRE_NATS=1 but NATS_URL is not set');
      });
    });
  } else {
    describe.skip(`${name} [skipped: NATS_URL is not set]`, fn);
  }
}

export type BusKind = 'in-process' | 'nats';

/** Runs the same suite on every bus adapter; the NATS one follows describeNats' rules. */
export function describeEachBus(name: string, fn: (kind: BusKind) => void): void {
  describe(`${name} [in-process bus]`, () => fn('in-process'));
  describeNats(`${name} [NATS]`, () => fn('nats'));
}

/** Deletes the JetStream streams a test namespace created, so test runs leave the server as they found it. */
export async function deleteNamespaceStreams(namespace: string): Promise<void> {
  if (!testNatsUrl) return;
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: testNatsUrl.split(',') });
  try {
    const jsm = await jetstreamManager(nc);
    const prefix = `${namespace.toUpperCase()}_`;
    for await (const name of jsm.streams.names()) if (name.startsWith(prefix)) await jsm.streams.delete(name);
  } finally {
    await nc.close();
  }
}
