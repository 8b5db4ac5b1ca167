import { afterEach, describe, expect, it, vi } from 'vitest';
import { startIntervalJob } from './interval-job';
import type { Logger } from './logger';

const logger = () => ({ error: vi.fn() }) as unknown as Logger & { error: ReturnType<typeof vi.fn> };

afterEach(() => vi.useRealTimers());

describe('interval jobs', () => {
  it('skips a tick while the previous run is still going, and stop waits for that run', async () => {
    vi.useFakeTimers();
    let finish!: () => void;
    let runs = 0;
    const job = startIntervalJob('test job', logger(), 1000, () => {
      runs += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    await vi.advanceTimersByTimeAsync(3500);
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(1);
  });

  it('logs a failed run, thrown or rejected, and runs again at the next tick', async () => {
    vi.useFakeTimers();
    const log = logger();
    let runs = 0;
    const job = startIntervalJob('test job', log, 1000, () => {
      runs += 1;
      if (runs === 1) throw new Error('thrown');
      return Promise.reject(new Error('rejected'));
    });
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toBe(2);
    expect(log.error).toHaveBeenCalledTimes(2);
    expect(log.error.mock.calls[0]![1]).toBe('test job failed');
    await job.stop();
  });
});
