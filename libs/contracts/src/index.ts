import 'reflect-metadata';
export * from './subjects.js';
export * from './errors.js';
export * from './headers.js';
export * from './event-envelope.js';
export * from './health.js';
export * from './page.js';
export * from './identity/identity.subjects.js';
export * from './identity/identity.messages.js';
