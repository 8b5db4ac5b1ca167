import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const problemSchema = new Schema({ row: Number, column: String, message: String }, { _id: false });

/**
 * A clean station sheet being written in the background (import-runner.ts). The sheet
 * itself stays in the file store until the job ends, so any instance can resume it.
 */
const importJobSchema = new Schema(
  {
    /** The importing office's union-office subtrees, as a key: one running import per office. */
    scopeKey: { type: String, required: true },
    /**
     * Equal to `scopeKey` while the job is queued or running and absent afterwards: its
     * unique index is what lets an office run only one import at a time, on every instance.
     */
    activeScope: { type: String },
    scopeOrgIds: { type: [Schema.Types.ObjectId], required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    defaultOrgId: { type: Schema.Types.ObjectId, default: null },
    sheet: {
      type: new Schema(
        {
          key: { type: String, required: true },
          kind: { type: String, enum: ['xlsx', 'csv'], required: true },
          fileName: { type: String, default: '' },
          sha256: { type: String, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
    /** Hex of 5 random bytes: with the job's time and a row number, the stable id of that row's station. */
    stationIdSeed: { type: String, required: true },
    status: { type: String, enum: ['queued', 'running', 'done', 'failed'], default: 'queued' },
    total: { type: Number, required: true },
    /** The next sheet row to write: rows above it are done (written or skipped). */
    nextRow: { type: Number, default: 0 },
    done: { type: Number, default: 0 },
    created: { type: Number, default: 0 },
    skipped: { type: Number, default: 0 },
    problems: { type: [problemSchema], default: [] },
    /** Times a runner took the job (each start or resume) and times a run failed. */
    claims: { type: Number, default: 0 },
    failures: { type: Number, default: 0 },
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
    failure: { type: String, default: null },
  },
  { timestamps: true },
);
importJobSchema.index({ activeScope: 1 }, { unique: true, sparse: true });
importJobSchema.index({ scopeKey: 1, createdAt: -1 });
importJobSchema.index({ status: 1, leaseUntil: 1 });

export type StationImportJobDoc = InferSchemaType<typeof importJobSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const StationImportJobModel = mongoose.model('StationImportJob', importJobSchema);
