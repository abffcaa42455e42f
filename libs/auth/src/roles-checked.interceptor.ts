import { DomainError, ErrorCode } from '@app/contracts';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { wasAuthorized } from './access.js';
import { callerOf } from './bus-auth.guard.js';

/**
 * A handler that declares @Roles must have its service call `authorize(caller)` (after the scoped
 * lookup, so out of scope stays 404). If it answers without having done so, the answer is
 * withheld and the call fails loudly: a forgotten role check cannot pass unnoticed.
 */
@Injectable()
export class RolesCheckedInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap(() => {
        const caller = callerOf(context);
        if (caller?.allowedRoles && !wasAuthorized(caller)) {
          throw new DomainError(ErrorCode.Internal, `${context.getClass().name}.${context.getHandler().name} declares roles but never checked them`);
        }
      }),
    );
  }
}
