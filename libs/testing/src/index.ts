export * from './test-database.js';
export * from './nats.js';
export * from './wait.js';
