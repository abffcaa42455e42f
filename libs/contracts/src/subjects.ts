/**
 * Subject names of the bus. Request-reply subjects have exactly three tokens
 * (`v1.<service>.<verb>`); event subjects have four or more
 * (`v1.<service>.<aggregate>.<past-tense>[.<unitCode>]`). Streams capture only the latter, so a
 * request can never be answered by a JetStream publish acknowledgement.
 */
export const SERVICES = ['identity', 'catalogue', 'routing', 'cases', 'agents'] as const;
export type ServiceName = (typeof SERVICES)[number];

const TOKEN = /^[a-z][a-z0-9-]*$/;

export function requestSubject(service: ServiceName, verb: string): string {
  if (!TOKEN.test(verb)) throw new Error(`request verb must be one lower-case token, got "${verb}"`);
  return `v1.${service}.${verb}`;
}

export function eventSubject(service: ServiceName, aggregate: string, pastTense: string, unitCode?: string): string {
  for (const t of [aggregate, pastTense]) if (!TOKEN.test(t)) throw new Error(`event subject token must be lower-case, got "${t}"`);
  if (unitCode !== undefined && !/^\d{12}$/.test(unitCode)) throw new Error(`unit code must have 12 digits, got "${unitCode}"`);
  return `v1.${service}.${aggregate}.${pastTense}${unitCode ? `.${unitCode}` : ''}`;
}

/** Request-reply verbs every service answers. */
export const COMMON_VERBS = { health: 'health', metrics: 'metrics' } as const;

export interface StreamDefinition {
  name: string;
  subjects: string[];
}

/** One JetStream stream per producing service, holding that service's events only. */
export function streamFor(service: ServiceName): StreamDefinition {
  return { name: `EVENTS_${service.toUpperCase()}`, subjects: [`v1.${service}.*.*`, `v1.${service}.*.*.>`] };
}
