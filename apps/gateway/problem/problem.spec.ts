import { ErrorCode } from '@app/contracts';
import { codeOfStatus, problemType, statusOf } from './problem.js';

describe('problem mapping', () => {
  it.each(Object.values(ErrorCode))('maps %s to an HTTP status and back', (code) => {
    const { status, title } = statusOf(code);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(title.length).toBeGreaterThan(0);
    if (code !== ErrorCode.ValidationFailed) expect(codeOfStatus(status)).toBe(code);
    expect(problemType(code)).toMatch(/^\/problems\/[a-z-]+$/);
  });

  it('maps HTTP statuses the domain has no code for', () => {
    expect(codeOfStatus(405)).toBe(ErrorCode.BadRequest);
    expect(codeOfStatus(502)).toBe(ErrorCode.Internal);
  });
});
