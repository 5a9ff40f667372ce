import { describe, expect, it } from 'vitest';
import { limiter } from '../../../src/background/http';

describe('the AE request limiter', () => {
  it('never lets more requests run at once than AE allows, even when one arrives as a slot frees', async () => {
    // AE answers error 66 to a sixth concurrent request: the admin would see an opt-in fail.
    const run = limiter(2);
    let inFlight = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const started: Promise<void>[] = [];
    const request = () =>
      run(() => {
        inFlight++;
        most = Math.max(most, inFlight);
        const done = new Promise<void>((resolve) => release.push(resolve)).then(() => {
          inFlight--;
        });
        started.push(done);
        return done;
      });

    const all = [request(), request(), request()];
    expect(release).toHaveLength(2);
    // A request that arrives right after the first one settles, before the waiting one has woken.
    all.push((started[0] as Promise<void>).then(() => request()));
    const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
    release[0]?.();
    await tick();
    expect(release).toHaveLength(3);
    expect(inFlight).toBe(2);
    while (release.length < 4 || inFlight > 0) {
      for (const open of release) open();
      await tick();
    }
    await Promise.all(all);
    expect(most).toBe(2);
  });
});
