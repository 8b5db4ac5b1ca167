/**
 * Data changes that fill fields added to records written before them (backfills), run at
 * start-up once per database rather than at every start: each is recorded, by name, in
 * `datamigrations` once it has finished, and skipped from then on. A migration must be
 * idempotent: several instances starting together may each run it, and one cut off midway runs
 * again at the next start (it was not recorded).
 */
import mongoose, { Schema } from 'mongoose';

const dataMigrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    finishedAt: { type: Date, required: true },
    /** What it reported (how many records it changed), for the operator reading the collection. */
    result: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false },
);

export const DataMigrationModel = mongoose.model('DataMigration', dataMigrationSchema);

/** Runs `migrate` unless a migration of this name has finished on this database; resolves its result, or null when skipped. */
export async function runDataMigrationOnce<T>(name: string, migrate: () => Promise<T>): Promise<T | null> {
  if (await DataMigrationModel.exists({ _id: name })) return null;
  const result = await migrate();
  await DataMigrationModel.updateOne(
    { _id: name },
    { $setOnInsert: { finishedAt: new Date(), result } },
    { upsert: true },
  ).exec();
  return result;
}
