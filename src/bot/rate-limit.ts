/**
 * Per-user rate limiting: a token bucket per user (a burst of `capacity` requests, refilled at `perMinute`).
 * Pure: the caller passes the time, so tests need no clock. Idle buckets are forgotten.
 */

export interface RateLimitOptions {
  /** Requests a user may make at once. */
  capacity?: number;
  /** Requests regained per minute. */
  perMinute?: number;
  /** Users remembered at most (the longest idle are forgotten first). */
  maxUsers?: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number; message: string };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly maxUsers: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: RateLimitOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 5);
    this.perMs = Math.max(1e-9, (options.perMinute ?? 12) / 60_000);
    this.maxUsers = Math.max(1, options.maxUsers ?? 10_000);
  }

  /** Takes one request from `user`'s bucket at time `now` (ms). */
  take(user: string, now: number = Date.now()): RateDecision {
    let bucket = this.buckets.get(user);
    if (bucket) {
      this.buckets.delete(user);
      bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
      bucket.at = Math.max(bucket.at, now);
    } else {
      bucket = { tokens: this.capacity, at: now };
    }
    // Most recently used last, so the first key is the longest idle.
    this.buckets.set(user, bucket);
    if (this.buckets.size > this.maxUsers) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    const retryAfterMs = Math.ceil((1 - bucket.tokens) / this.perMs);
    return { allowed: false, retryAfterMs, message: politeMessage(retryAfterMs) };
  }
}

/** "You're asking faster than I can look things up — please try again in 4 seconds." */
export function politeMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're asking faster than I can look things up — please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}
