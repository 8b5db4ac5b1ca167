import { randomBytes } from 'node:crypto';
import mongoose, { Schema, Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger';
import { connectDatabase, type Database } from './connect';
import { pageById } from './id-pages';

const ItemModel = mongoose.model('IdPageItem', new Schema({ n: Number }));
type Item = { _id: Types.ObjectId; n: number };

let database: Database;
let ids: Types.ObjectId[];
beforeAll(async () => {
  database = await connectDatabase({
    uri: inject('mongoUri'),
    dbName: `id_pages_${randomBytes(6).toString('hex')}`,
    logger: createLogger('silent'),
  });
  const items = Array.from({ length: 9 }, (_, n) => ({ _id: new Types.ObjectId(), n }));
  await ItemModel.insertMany(items);
  ids = items.map((item) => item._id);
});
afterAll(() => database.close());

/** Every item of `filter`, `limit` at a time. */
async function pageThrough(filter: Record<string, unknown>, order: 'newest' | 'oldest', limit = 2): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageById<Item>(ItemModel, filter, { limit, cursor, order });
    seen.push(...page.items.map((item) => item.n));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

describe('pageById', () => {
  it('pages through every item in id order, newest or oldest first', async () => {
    expect(await pageThrough({}, 'oldest')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await pageThrough({}, 'newest')).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('keeps a filter on _id on every page, not only the first', async () => {
    const chosen = [1, 2, 5, 7];
    const filter = { _id: { $in: chosen.map((n) => ids[n]) } };
    expect(await pageThrough(filter, 'oldest')).toEqual([1, 2, 5, 7]);
    expect(await pageThrough(filter, 'newest')).toEqual([7, 5, 2, 1]);
    const excluded = { _id: { $nin: chosen.map((n) => ids[n]) } };
    expect(await pageThrough(excluded, 'oldest')).toEqual([0, 3, 4, 6, 8]);
  });

  it('starts from the beginning when the cursor is not an id', async () => {
    const page = await pageById<Item>(ItemModel, {}, { limit: 3, cursor: 'nonsense', order: 'oldest' });
    expect(page.items.map((item) => item.n)).toEqual([0, 1, 2]);
  });
});
