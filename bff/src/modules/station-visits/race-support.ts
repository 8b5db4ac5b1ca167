/** Shared by the station-visit race tests. */
import { setTimeout as sleep } from 'node:timers/promises';
import { msUntilChinaMidnight } from '@union/shared';

/**
 * Daily counts and quotas are kept per China day. A trial that straddled China midnight would
 * split its requests over two days and look like a broken rule, so a trial about to start in
 * the last seconds of a day waits for the next one.
 */
export async function clearOfChinaMidnight(marginMs = 5_000): Promise<void> {
  const leftToday = msUntilChinaMidnight(Date.now());
  if (leftToday < marginMs) await sleep(leftToday + 100);
}
