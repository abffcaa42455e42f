import { DomainError, ErrorCode } from '@app/contracts';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolated modules cannot read).
const ARGON2ID = 2;
import { Injectable } from '@nestjs/common';

/** argon2id with OWASP's minimum parameters (19 MiB, 2 iterations). */
@Injectable()
export class PasswordHasher {
  hash(secret: string): Promise<string> {
    return hash(secret, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  }

  verify(stored: string, secret: string): Promise<boolean> {
    return verify(stored, secret).catch(() => false);
  }
}

/**
 * Password rules: 12 to 256 characters, at least three of lower case, upper case, digits and
 * symbols, and not containing the username.
 */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < 12) problems.push('password must have at least 12 characters');
  if (password.length > 256) problems.push('password must have at most 256 characters');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) problems.push('password must mix at least three of: lower case, upper case, digits, symbols');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('password must not contain the username');
  return problems;
}

export function assertPasswordAcceptable(password: string, username: string, field = 'password'): void {
  const problems = passwordProblems(password, username);
  if (problems.length) {
    throw new DomainError(ErrorCode.ValidationFailed, 'The password does not meet the rules', { fields: problems.map((message) => ({ field, message })) });
  }
}
