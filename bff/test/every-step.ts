/**
 * Runs a flow with the database dying at each of its steps in turn — before each of its writes,
 * and again just after each write was applied but before the server heard back — then lets it
 * come back, runs the repair production relies on and checks the flow happened exactly once.
 */
import { expect } from 'vitest';
import { startDatabaseCut, type DatabaseCut } from './database-cut';
import type { ApiResponse, TestApi } from './harness';

/** Far more steps than any flow has: a loop that never stops reaching its cut is a bug in the test. */
const MAX_WRITES = 40;

export interface Flow<T> {
  /** Fresh state for one trial, built while the database is up. */
  prepare(): Promise<T>;
  /** The request under test; the database may die during it. */
  act(state: T): Promise<ApiResponse>;
  /** What production does afterwards: the client's retry, a re-delivery, a job pass. */
  repair(state: T, first: ApiResponse): Promise<void>;
  /** The flow happened exactly once. */
  check(state: T): Promise<void>;
  /**
   * Writes the product makes best effort, after the flow itself is stored (an in-app message:
   * notifications never fail the action that caused them). A cut there may answer 200; the
   * repair and the check still run. Matched against the write's label, e.g. "insert notifications".
   */
  bestEffort?: RegExp;
}

export { startDatabaseCut, type DatabaseCut };

async function untilReady(api: TestApi): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if ((await api.request('GET', '/readyz')).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server never became ready again');
}

/**
 * Runs the flow once per cut point — before write 1, after write 1, before write 2, … — until
 * a trial completes without reaching its cut (repaired and checked too). Every cut request
 * must answer a clean 503 (or, cut at a best-effort write, 200).
 * Returns the writes the uncut trial made.
 */
export async function atEveryStep<T>(cut: DatabaseCut, api: TestApi, flow: Flow<T>): Promise<string[]> {
  for (let write = 1; write <= MAX_WRITES; write += 1) {
    for (const afterApplying of [false, true]) {
      const state = await flow.prepare();
      cut.arm({ atWrite: write, afterApplying });
      const first = await flow.act(state);
      const fired = cut.fired;
      const writes = [...cut.writes];
      cut.restore();
      const where = `${afterApplying ? 'after' : 'before'} write ${write} of ${writes.join(', ')}`;
      if (!fired) {
        expect(first.status, `${where}: ${JSON.stringify(first.body)}`).toBe(200);
        // Retries, sweeps and jobs run whatever happened: they must not disturb a finished flow.
        await flow.repair(state, first);
        await flow.check(state);
        return writes;
      }
      const lostBestEffort = first.status === 200 && (flow.bestEffort?.test(writes[write - 1] ?? '') ?? false);
      if (!lostBestEffort) {
        expect(first.status, `${where}: ${JSON.stringify(first.body)}`).toBe(503);
        expect(first.body.error.code, where).toBe('database_unavailable');
      }
      await untilReady(api);
      try {
        await flow.repair(state, first);
        await flow.check(state);
      } catch (error) {
        if (error instanceof Error) error.message = `${where}: ${error.message}`;
        throw error;
      }
    }
  }
  throw new Error(`the flow still reached a cut after ${MAX_WRITES} writes`);
}
