export * from './data-source.js';
export * from './embedded-postgres.js';
export * from './cursor.js';
export * from './transient-errors.js';
