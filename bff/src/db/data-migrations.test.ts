import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness';
import { DataMigrationModel, runDataMigrationOnce } from './data-migrations';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('data migrations', () => {
  it('runs a migration once per database, and again after one that failed', async () => {
    const name = `test-${randomUUID()}`;
    let runs = 0;
    const failing = runDataMigrationOnce(name, async () => {
      runs += 1;
      throw new Error('cut off midway');
    });
    await expect(failing).rejects.toThrow('cut off midway');
    expect(await DataMigrationModel.exists({ _id: name })).toBeNull();
    // Two instances starting together: both may run it (it is idempotent); it is recorded once.
    const both = await Promise.all([1, 2].map(() => runDataMigrationOnce(name, async () => ++runs)));
    expect(both).toEqual(expect.arrayContaining([expect.any(Number)]));
    expect(await runDataMigrationOnce(name, async () => ++runs)).toBeNull();
    expect(runs).toBeLessThanOrEqual(3);
    const recorded = await DataMigrationModel.find({ _id: name }).lean();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.finishedAt).toBeInstanceOf(Date);
  });
});
