import { DomainError, ErrorCode, type FieldProblem } from '@app/contracts';
import { ValidationPipe, type ValidationError } from '@nestjs/common';

/** class-validator errors as field problems, nested fields by path (`applicant.name`, `materials[2].code`). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });
}

/** Validation of HTTP bodies and bus payloads alike: unknown properties are refused, every broken rule is named by its field path. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new DomainError(ErrorCode.ValidationFailed, 'The request is not valid', { fields: fieldProblems(errors) }),
  });
}
