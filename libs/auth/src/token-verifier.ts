import type { Principal } from './principal.js';

/**
 * Verifies a bearer token and returns its principal, or throws DomainError(Unauthenticated).
 * The identity service provides the implementation (JWKS-backed); each service verifies tokens
 * itself, never trusting the gateway.
 */
export abstract class TokenVerifier {
  abstract verify(authorization: string | undefined): Promise<Principal>;
}
