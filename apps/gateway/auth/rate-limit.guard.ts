import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/contracts';
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

const RATE_LIMIT = 'http:rate-limit';
/** Limits the route per client IP and per account (the body field named, e.g. username or client_id). */
export const RateLimited = (bucket: string, accountField?: string) => SetMetadata(RATE_LIMIT, { bucket, accountField });

const WINDOW_MS = 60_000;

/**
 * A one-minute window per key, starting at the key's first request, in this gateway's memory (so
 * per instance: with N gateways the effective limit is N times higher; a shared store is the next
 * step if that matters).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.get<{ bucket: string; accountField?: string } | undefined>(RATE_LIMIT, context.getHandler());
    if (!rule) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const now = Date.now();
    if (this.windows.size > 50_000) for (const [k, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(k);
    const account = rule.accountField ? (request.body as Record<string, unknown> | undefined)?.[rule.accountField] : undefined;
    const checks: [string, number][] = [[`${rule.bucket}|ip|${request.ip}`, this.config.auth.rateLimitPerIp]];
    if (typeof account === 'string' && account) checks.push([`${rule.bucket}|account|${account.toLowerCase()}`, this.config.auth.rateLimitPerAccount]);
    for (const [key, limit] of checks) {
      let w = this.windows.get(key);
      if (!w || now - w.start >= WINDOW_MS) this.windows.set(key, (w = { start: now, count: 0 }));
      if (++w.count > limit) {
        const retryAfter = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
        void reply.header('retry-after', String(retryAfter));
        throw new DomainError(ErrorCode.RateLimited, `Too many attempts; try again in ${retryAfter} s`, { retryAfter });
      }
    }
    return true;
  }
}
