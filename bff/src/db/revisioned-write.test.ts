import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger';
import { connectDatabase, type Database } from './connect';
import { revisionedWrites } from './revisioned-write';

let database: Database;
beforeAll(async () => {
  database = await connectDatabase({
    uri: inject('mongoUri'),
    dbName: `revisioned_${randomBytes(6).toString('hex')}`,
    logger: createLogger('silent'),
  });
});
afterAll(() => database.close());

function writesWithRefreshLog() {
  const refreshed: number[] = [];
  let lastRevision = 0;
  const writes = revisionedWrites({
    sequence: `test-${randomBytes(4).toString('hex')}`,
    refresh: async () => {
      refreshed.push(lastRevision);
    },
  });
  return { writes, refreshed, saw: (revision: number) => (lastRevision = revision) };
}

describe('revisioned writes', () => {
  it('stamp each write with a fresh revision and refresh the index after it', async () => {
    const { writes, refreshed, saw } = writesWithRefreshLog();
    expect(await writes.write(async (revision) => saw(revision))).toBe(1);
    expect(await writes.write(async (revision) => saw(revision))).toBe(2);
    expect(refreshed).toEqual([1, 2]);
    expect(await writes.current()).toBe(2);
  });

  it('reserve a block of consecutive revisions for a batch', async () => {
    const { writes, refreshed, saw } = writesWithRefreshLog();
    await writes.next();
    expect(await writes.writeBatch(5, async (first) => saw(first))).toBe(2);
    expect(await writes.next()).toBe(7);
    expect(refreshed).toEqual([2]);
  });

  it('retry a conditional write that lost, with a new revision, and give up with the busy error', async () => {
    const { writes, refreshed, saw } = writesWithRefreshLog();
    let tries = 0;
    const won = await writes.retry(
      async (takeRevision) => {
        const revision = await takeRevision();
        return ++tries < 3 ? null : saw(revision);
      },
      { busy: () => new Error('busy') },
    );
    expect(won).toBe(3);
    expect(refreshed).toEqual([3]);
    await expect(writes.retry(async () => null, { busy: () => new Error('busy'), attempts: 2 })).rejects.toThrow(
      'busy',
    );
  });

  it('takes no revision for an attempt refused before it writes, so a refusal changes nothing', async () => {
    const { writes, refreshed } = writesWithRefreshLog();
    const before = await writes.current();
    await expect(
      writes.retry(
        async () => {
          throw new Error('照片不存在');
        },
        { busy: () => new Error('busy') },
      ),
    ).rejects.toThrow('照片不存在');
    expect(await writes.current()).toBe(before);
    expect(refreshed).toEqual([]);
  });
});
