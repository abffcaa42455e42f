import { requestSubject } from '../subjects.js';

/** Request-reply subjects of the identity service. */
export const IdentitySubjects = {
  login: requestSubject('identity', 'login'),
  refresh: requestSubject('identity', 'refresh'),
  clientToken: requestSubject('identity', 'client-token'),
  tokenState: requestSubject('identity', 'token-state'),
  jwks: requestSubject('identity', 'jwks'),
  me: requestSubject('identity', 'me'),
  listUnits: requestSubject('identity', 'list-units'),
  getUnit: requestSubject('identity', 'get-unit'),
  updateUnit: requestSubject('identity', 'update-unit'),
  createUser: requestSubject('identity', 'create-user'),
  listUsers: requestSubject('identity', 'list-users'),
  getUser: requestSubject('identity', 'get-user'),
  setUserDisabled: requestSubject('identity', 'set-user-disabled'),
  createClient: requestSubject('identity', 'create-client'),
  listClients: requestSubject('identity', 'list-clients'),
  revokeClient: requestSubject('identity', 'revoke-client'),
  listAudit: requestSubject('identity', 'list-audit'),
} as const;

/** Event subjects: other services keep a local copy of the org tree from these. */
export const IdentityEvents = {
  unitCreated: (unitCode: string) => `v1.identity.unit.created.${unitCode}`,
  unitUpdated: (unitCode: string) => `v1.identity.unit.updated.${unitCode}`,
  allUnits: 'v1.identity.unit.*.*',
} as const;
