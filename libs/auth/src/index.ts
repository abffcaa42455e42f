export * from './principal.js';
export * from './token-verifier.js';
export * from './token-claims.js';
export * from './token-state.js';
export * from './jwks-token-verifier.js';
export * from './access.js';
export * from './bus-auth.guard.js';
export * from './roles-checked.interceptor.js';
