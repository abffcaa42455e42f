#!/usr/bin/env node
// `npm run start:cluster`: the network as it runs in production, on this machine. Every app is
// its own process (two instances of cases and routing), on
//   - NATS_URL when set, else a 3-node NATS cluster with JetStream (streams at 3 replicas) started
//     from the machine's nats-server (NATS_SERVER_BIN, PATH or /usr/sbin) on ports 14222-14224,
//     each app connecting as its own NATS user with the subject permissions of the Helm chart;
//   - DATABASE_URL when set, else the embedded PostgreSQL under ./data/cluster (port 54339, demo data).
// PERSONAL_DATA_KEY defaults to the public demo key only with the embedded PostgreSQL; ADMIN_PASSWORD
// is needed on a fresh external database unless DEMO_DATA=1. Output lines carry the instance's name.
// Ctrl-C (or any app dying) stops everything; pids are in ./data/cluster/pids.json, and a run that
// was killed is cleaned up by the next one.
import { LocalCluster } from '../dist/libs/cluster/src/index.js';
import * as contracts from '../dist/libs/contracts/src/index.js';
import { derivePermissions, natsUsers } from '../deploy/tools/nats-permissions.mjs';

const say = (line) => process.stdout.write(`[cluster] ${line}\n`);
const embedded = !process.env.DATABASE_URL;
const env = {
  ...(embedded ? { DEMO_DATA: process.env.DEMO_DATA ?? '1' } : {}),
  // Instances of one service must sign list cursors with the same key.
  CURSOR_SECRET: process.env.CURSOR_SECRET ?? 'start-cluster-local-cursor-secret-0000000000',
};
let cluster;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping every process');
  await cluster?.stop();
  say('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  cluster = await LocalCluster.start({
    workDir: process.env.CLUSTER_DIR ?? 'data/cluster',
    databaseUrl: process.env.DATABASE_URL,
    natsUrl: process.env.NATS_URL,
    natsServerBin: process.env.NATS_SERVER_BIN,
    // Our own NATS runs with the chart's per-app users and subject permissions.
    natsPermissions: natsUsers(derivePermissions(contracts)).map(({ user, permissions }) => ({ user, permissions })),
    gatewayPort: Number(process.env.PORT ?? 3000),
    env,
    output: 'prefixed',
    say,
    onUnexpectedExit: (p, code, signal) => {
      if (stopping) return;
      say(`${p.id} exited (${signal ?? code}); stopping the others`);
      void stopAll(1);
    },
  });
} catch (err) {
  say(`could not start: ${err instanceof Error ? err.message : String(err)}`);
  await stopAll(1);
}
const nats = cluster.nats ? `${cluster.nats.nodes.length}-node NATS ${cluster.natsUrl}` : `NATS ${cluster.natsUrl}`;
say(`${cluster.processes.length} processes on ${nats}; gateway on ${cluster.gatewayUrl}; Ctrl-C stops them all`);
