#!/usr/bin/env node
// The bare parts, each in its own process like the apps: `fastify` (a handler returning a small
// JSON) or `nats-echo <subject>` (a request-reply responder echoing the request). Prints one JSON
// line when ready.
import Fastify from 'fastify';
import { connect } from '@nats-io/transport-node';

const [mode, arg] = process.argv.slice(2);
if (mode === 'fastify') {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ status: 'ok', service: 'bench', at: new Date().toISOString() }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ ready: true, port: app.server.address().port })}\n`);
} else if (mode === 'nats-echo') {
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  const sub = nc.subscribe(arg, { queue: 'echo' });
  (async () => {
    for await (const m of sub) m.respond(m.data);
  })();
  await nc.flush();
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
} else {
  process.stderr.write('usage: ceiling-server.mjs fastify | nats-echo <subject>\n');
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0));
