import * as contracts from '@app/contracts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { derivePermissions, natsUsers, valuesPath } from '../../deploy/tools/nats-permissions.mjs';

// The NATS users of the Helm chart must be exactly what the code needs: derived from the sources
// by deploy/tools/nats-permissions.mjs (`--write` updates values.yaml after a change).

const derived = derivePermissions(contracts);
const values = parse(readFileSync(valuesPath, 'utf8')) as { nats: { config: { merge: { authorization: { users: unknown[] } } } } };

describe('NATS permissions of the Helm chart', () => {
  it('values.yaml holds exactly the derived users and permissions (else run: node deploy/tools/nats-permissions.mjs --write)', () => {
    expect(values.nats.config.merge.authorization.users).toEqual(natsUsers(derived));
  });

  it('finds handlers, requests and durable consumers (guards against a vacuous derivation)', () => {
    expect(Object.keys(derived).sort()).toEqual(['gateway', ...contracts.SERVICES].sort());
    expect(derived.routing.consumers).toEqual(['routing-items', 'routing-units']);
    expect(derived.cases.publish).toEqual(expect.arrayContaining(['v1.routing.plan', 'v1.catalogue.get-item']));
    expect(derived.gateway.publish).toContain('v1.cases.decide');
  });

  it.each(contracts.SERVICES)('%s publishes events on its own stream only and serves only its own subjects', (service) => {
    const p = derived[service];
    const events = p.publish.filter((s) => s.split('.').length >= 4 && s.startsWith('v1.'));
    expect(events.sort()).toEqual([...contracts.streamFor(service).subjects].sort());
    expect(p.subscribe.sort()).toEqual(['_INBOX.>', `v1.${service}.*`]);
    expect(p.allowResponses).toBe(true);
    // Requests: three-token subjects, never a wildcard.
    for (const s of p.publish.filter((x) => x.startsWith('v1.') && x.split('.').length === 3)) expect(s).not.toMatch(/[*>]/);
  });

  it('the gateway only makes requests: no events, no JetStream, no subscriptions but its inbox', () => {
    const g = derived.gateway;
    expect(g.subscribe).toEqual(['_INBOX.>']);
    expect(g.allowResponses).toBe(false);
    for (const s of g.publish) expect(s).toMatch(/^v1\.[a-z]+\.[a-z-]+$/);
  });
});
