import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/contracts';
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

const RATE_LIMIT = 'http:rate-limit';
/** Limits the route per client IP and per account (the body field named, e.g. username or client_id). */
export const RateLimited = (bucket: string, accountField?: string) => SetMetadata(RATE_LIMIT, { bucket, accountField });

/**
 * Fixed one-minute windows, in this gateway's memory (so per instance: with N gateways the
 * effective limit is N times higher; a shared store is the next step if that matters).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private window = 0;
  private counts = new Map<string, number>();

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
    const window = Math.floor(now / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const account = rule.accountField ? (request.body as Record<string, unknown> | undefined)?.[rule.accountField] : undefined;
    const checks: [string, number][] = [[`${rule.bucket}|ip|${request.ip}`, this.config.auth.rateLimitPerIp]];
    if (typeof account === 'string' && account) checks.push([`${rule.bucket}|account|${account.toLowerCase()}`, this.config.auth.rateLimitPerAccount]);
    for (const [key, limit] of checks) {
      const n = (this.counts.get(key) ?? 0) + 1;
      this.counts.set(key, n);
      if (n > limit) {
        const retryAfter = Math.ceil(((window + 1) * 60_000 - now) / 1000);
        void reply.header('retry-after', String(retryAfter));
        throw new DomainError(ErrorCode.RateLimited, `Too many attempts; try again in ${retryAfter} s`, { retryAfter });
      }
    }
    return true;
  }
}
