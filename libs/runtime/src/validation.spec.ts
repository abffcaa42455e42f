import { DomainError, ErrorCode } from '@app/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, ValidateNested } from 'class-validator';
import { strictValidationPipe } from './validation.js';

class Applicant {
  @IsString() name!: string;
}
class Body {
  @IsInt() @Max(10) copies!: number;
  @ValidateNested() @Type(() => Applicant) applicant!: Applicant;
}

async function problemOf(value: unknown): Promise<DomainError> {
  try {
    await strictValidationPipe().transform(value, { type: 'body', metatype: Body });
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a validation error');
}

describe('strict validation', () => {
  it('accepts a valid body and converts it to the DTO', async () => {
    const out = await strictValidationPipe().transform({ copies: 2, applicant: { name: '张三' } }, { type: 'body', metatype: Body });
    expect(out).toBeInstanceOf(Body);
  });

  it('names every broken field, nested ones with their path', async () => {
    const err = await problemOf({ copies: 11, applicant: { name: 7 } });
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe(ErrorCode.ValidationFailed);
    expect(err.details?.fields?.map((f) => f.field).sort()).toEqual(['applicant.name', 'copies']);
  });

  it('refuses unknown properties', async () => {
    const err = await problemOf({ copies: 1, applicant: { name: 'a' }, admin: true });
    expect(err.details?.fields).toEqual([{ field: 'admin', message: 'property admin should not exist' }]);
  });
});
