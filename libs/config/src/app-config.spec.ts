import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.url).toBeUndefined();
    expect(c.bus.natsUrl).toBeUndefined();
    expect(c.bus.requestTimeoutMs).toBe(5000);
    expect(c.events.maxDeliver).toBe(5);
  });

  it('converts numbers and keeps urls', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db', NATS_URL: 'nats://a:4222,nats://b:4222' });
    expect(c.port).toBe(8080);
    expect(c.database.url).toBe('postgres://u@h:5432/db');
    expect(c.bus.natsUrl).toBe('nats://a:4222,nats://b:4222');
  });

  it('lists every bad variable at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', NATS_URL: 'http://x', LOG_LEVEL: 'loud', EVENTS_MAX_DELIVER: '0' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'NATS_URL', 'LOG_LEVEL', 'EVENTS_MAX_DELIVER']) expect(problems).toContain(name);
    expect((err as ConfigError).message).toMatch(/^Invalid configuration:/);
  });
});
