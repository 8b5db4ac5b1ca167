/**
 * An `updateOne` that creates the document when none matches. Two first writes of one unique
 * key can both find nothing and both insert: the database refuses one (duplicate key), and
 * that write, retried, now finds the winner's document and updates it.
 */
import type { UpdateQuery } from 'mongoose';
import type { AnyModel } from './conditional-update';
import { isDuplicateKeyError } from './duplicate-key';

const ATTEMPTS = 4;

export async function upsertOne<Doc>(
  model: AnyModel<Doc>,
  filter: Record<string, unknown>,
  update: UpdateQuery<Doc>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await model.updateOne(filter, update, { upsert: true }).exec();
      return;
    } catch (caught) {
      if (!isDuplicateKeyError(caught) || attempt >= ATTEMPTS) throw caught;
    }
  }
}
