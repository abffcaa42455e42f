export * from './subjects.js';
export * from './errors.js';
export * from './headers.js';
export * from './event-envelope.js';
export * from './health.js';
