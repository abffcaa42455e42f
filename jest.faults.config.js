import base from './jest.config.js';

/**
 * The fault-injection suite (test/faults): each file runs the whole network as processes on a
 * 3-node NATS cluster and an embedded PostgreSQL of its own (libs/cluster), kills parts of it and
 * counts by SQL afterwards. One file at a time: they load the machine.
 */
export default {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 600_000,
  maxWorkers: 1,
};
