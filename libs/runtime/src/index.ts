export * from './service-definition.js';
export * from './service-core.module.js';
export * from './start-service.js';
export * from './tokens.js';
export * from './validation.js';
export * from './canonical-json.js';
export * from './unit-filter.js';
export * from './health-listener.js';
