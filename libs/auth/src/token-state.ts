import type { JWK } from 'jose';

/**
 * What a verifier needs from identity: the public signing keys and the subjects whose tokens
 * stopped being valid (revoked clients, disabled users) with the time they stopped.
 */
export interface TokenState {
  keys: (JWK & { kid: string })[];
  revoked: { subject: string; since: string }[];
}
