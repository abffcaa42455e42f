import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/contracts';
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

const RATE_LIMIT = 'http:rate-limit';
/** Limits the route per client IP and per account (the body field named, e.g. username or client_id). */
export const RateLimited = (bucket: string, accountField?: string) => SetMetadata(RATE_LIMIT, { bucket, accountField });

const WINDOW_MS = 60_000;
/** Keys kept at most; past it the oldest windows go first (memory stays bounded under a flood). */
const MAX_KEYS = 200_000;

/**
 * Fixed windows per key, kept in a Map ordered by window start (a key whose window restarts is
 * moved to the end), so expired windows are always at the front: each hit drops them from there,
 * at amortised constant cost, without walking the keys still in their window.
 */
export class RateWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly windowMs = WINDOW_MS,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  get size(): number {
    return this.windows.size;
  }

  /** Counts a hit on `key`; returns the hits in its current window and when that window ends. */
  hit(key: string, now: number): { count: number; resetAt: number } {
    for (const [k, w] of this.windows) {
      if (now - w.start < this.windowMs && this.windows.size <= this.maxKeys) break;
      this.windows.delete(k);
    }
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.delete(key);
      this.windows.set(key, (w = { start: now, count: 0 }));
    }
    w.count++;
    return { count: w.count, resetAt: w.start + this.windowMs };
  }
}

/**
 * A one-minute window per key, starting at the key's first request, in this gateway's memory (so
 * per instance: with N gateways the effective limit is N times higher; a shared store is the next
 * step if that matters).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new RateWindows();

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
    const account = rule.accountField ? (request.body as Record<string, unknown> | undefined)?.[rule.accountField] : undefined;
    const checks: [string, number][] = [[`${rule.bucket}|ip|${request.ip}`, this.config.auth.rateLimitPerIp]];
    if (typeof account === 'string' && account) checks.push([`${rule.bucket}|account|${account.toLowerCase()}`, this.config.auth.rateLimitPerAccount]);
    // The address first: a refused address adds no account keys.
    for (const [key, limit] of checks) {
      const { count, resetAt } = this.windows.hit(key, now);
      if (count > limit) {
        const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
        void reply.header('retry-after', String(retryAfter));
        throw new DomainError(ErrorCode.RateLimited, `Too many attempts; try again in ${retryAfter} s`, { retryAfter });
      }
    }
    return true;
  }
}
