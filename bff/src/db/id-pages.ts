/**
 * Cursor paging by document id, the one way lists page here. Ids grow with time, so paging
 * by id keeps an order stable while new documents arrive; the cursor is the last id shown.
 * A cursor that is not an id starts from the beginning rather than failing.
 */
import { Types, type Model } from 'mongoose';

export interface IdPage<Doc> {
  items: Doc[];
  nextCursor: string | null;
}

export interface IdPageQuery {
  limit: number;
  cursor?: string;
  /** `newest` (default): newest first; `oldest`: queues served in arrival order. */
  order?: 'newest' | 'oldest';
}

/**
 * `filter` narrowed to the ids past the cursor. A filter that already conditions `_id` (a queue
 * given as `$in` or `$nin` of ids) keeps that condition beside the cursor's in an `$and`:
 * overwriting it would let page 2 onwards list documents outside the filter.
 */
function afterCursor(filter: Record<string, unknown>, cursor: string, direction: 1 | -1): Record<string, unknown> {
  const past = { _id: { [direction === -1 ? '$lt' : '$gt']: new Types.ObjectId(cursor) } };
  return '_id' in filter ? { $and: [filter, past] } : { ...filter, ...past };
}

export async function pageById<Doc extends { _id: Types.ObjectId }>(
  // Any model: a schema's inferred type and its lean document type differ only in `_id`.
  model: Model<any>,
  filter: Record<string, unknown>,
  { limit, cursor, order = 'newest' }: IdPageQuery,
  projection?: Record<string, 0 | 1>,
): Promise<IdPage<Doc>> {
  const direction = order === 'newest' ? -1 : 1;
  const paged = cursor && Types.ObjectId.isValid(cursor) ? afterCursor(filter, cursor, direction) : filter;
  const found = await (model as Model<Doc>)
    .find(paged, projection)
    .sort({ _id: direction })
    .limit(limit + 1)
    .lean<Doc[]>();
  const items = found.slice(0, limit);
  return { items, nextCursor: found.length > limit ? String(items[items.length - 1]!._id) : null };
}
