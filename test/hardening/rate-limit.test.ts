import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { politeMessage, RateLimiter } from '../../src/bot/rate-limit.ts';

describe('per-user rate limit', () => {
  it('allows a burst, then refuses politely until a token is back', () => {
    const limiter = new RateLimiter({ capacity: 3, perMinute: 6 });
    const t = 1_000_000;
    expect([0, 1, 2].map(() => limiter.take('u', t).allowed)).toEqual([true, true, true]);
    const refused = limiter.take('u', t);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterMs).toBe(10_000);
      expect(refused.message).toMatch(/try again in 10 seconds/);
    }
    expect(limiter.take('someone else', t).allowed).toBe(true);
    expect(limiter.take('u', t + 10_000).allowed).toBe(true);
    expect(limiter.take('u', t + 10_000).allowed).toBe(false);
  });

  it('never allows more than capacity plus the refill, whatever the timing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.nat(5_000)), { maxLength: 200 }), (events) => {
        const limiter = new RateLimiter({ capacity: 2, perMinute: 60 });
        let now = 0;
        const allowed = { a: 0, b: 0 };
        for (const [user, dt] of events) {
          now += dt;
          if (limiter.take(user, now).allowed) allowed[user as 'a' | 'b']++;
        }
        for (const n of Object.values(allowed)) expect(n).toBeLessThanOrEqual(2 + Math.floor(now / 1000));
      }),
      { numRuns: 50 },
    );
  });

  it('forgets idle users beyond its bound, and speaks in whole seconds', () => {
    const limiter = new RateLimiter({ capacity: 1, perMinute: 1, maxUsers: 2 });
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(politeMessage(1)).toMatch(/1 second\./);
    expect(politeMessage(2500)).toMatch(/3 seconds/);
  });
});
