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

export async function pageById<Doc extends { _id: Types.ObjectId }>(
  // Any model: a schema's inferred type and its lean document type differ only in `_id`.
  model: Model<any>,
  filter: Record<string, unknown>,
  { limit, cursor, order = 'newest' }: IdPageQuery,
  projection?: Record<string, 0 | 1>,
): Promise<IdPage<Doc>> {
  const direction = order === 'newest' ? -1 : 1;
  const paged = { ...filter };
  if (cursor && Types.ObjectId.isValid(cursor)) {
    paged._id = { [direction === -1 ? '$lt' : '$gt']: new Types.ObjectId(cursor) };
  }
  const found = await (model as Model<Doc>)
    .find(paged, projection)
    .sort({ _id: direction })
    .limit(limit + 1)
    .lean<Doc[]>();
  const items = found.slice(0, limit);
  return { items, nextCursor: found.length > limit ? String(items[items.length - 1]!._id) : null };
}
