export * from './local-cluster.js';
export * from './nats-cluster.js';
export * from './process-registry.js';
