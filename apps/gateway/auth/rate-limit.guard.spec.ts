import { RateWindows } from './rate-limit.guard.js';

describe('RateWindows', () => {
  it('counts hits per key within the window and starts a new window after it', () => {
    const w = new RateWindows(60_000);
    expect(w.hit('a', 0)).toEqual({ count: 1, resetAt: 60_000 });
    expect(w.hit('a', 59_999).count).toBe(2);
    expect(w.hit('b', 30_000)).toEqual({ count: 1, resetAt: 90_000 });
    expect(w.hit('a', 60_000)).toEqual({ count: 1, resetAt: 120_000 });
  });

  it('drops expired windows as it goes, so idle keys do not pile up', () => {
    const w = new RateWindows(1000);
    for (let i = 0; i < 10_000; i++) w.hit(`ip-${i}`, i % 1000);
    expect(w.size).toBe(10_000);
    w.hit('late', 5000); // every other window has ended
    expect(w.size).toBe(1);
  });

  it('keeps a restarted window behind the younger ones (the front is always the oldest)', () => {
    const w = new RateWindows(1000);
    w.hit('a', 0);
    w.hit('b', 500);
    w.hit('a', 1200); // a's new window starts after b's
    w.hit('c', 1600); // b (500) has ended; a (1200) has not
    expect(w.size).toBe(2);
    expect(w.hit('a', 1700).count).toBe(2);
  });

  it('stays within maxKeys under a flood of distinct keys, dropping the oldest', () => {
    const w = new RateWindows(60_000, 1000);
    for (let i = 0; i < 5000; i++) w.hit(`account-${i}`, i);
    expect(w.size).toBeLessThanOrEqual(1001);
    expect(w.hit('account-4999', 5000).count).toBe(2); // the newest are kept
  });
});
