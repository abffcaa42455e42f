export interface ServicePermissions {
  publish: string[];
  subscribe: string[];
  allowResponses: boolean;
  consumers: string[];
}
export const repoRoot: string;
export const valuesPath: string;
export function derivePermissions(contracts: object, root?: string): Record<string, ServicePermissions>;
export interface NatsUserEntry {
  user: string;
  password: string;
  permissions: Record<string, unknown>;
}
export function natsUsers(perms: Record<string, ServicePermissions>): NatsUserEntry[];
