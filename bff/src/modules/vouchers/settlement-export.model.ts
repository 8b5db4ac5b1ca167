import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * The last time an org's monthly settlement sheet was exported (downloaded as .xlsx). The
 * workbench's 结算待导出 lists closed months with redemptions whose sheet was not exported
 * after the month ended; an export of 全部 records every org the cadre runs.
 */
const settlementExportSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    /** YYYY-MM, China calendar month. */
    month: { type: String, required: true },
    exportedAt: { type: Date, required: true },
    exportedByAccountId: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
);
settlementExportSchema.index({ orgId: 1, month: 1 }, { unique: true });

export type SettlementExportDoc = InferSchemaType<typeof settlementExportSchema> & { _id: Types.ObjectId };
export const SettlementExportModel = mongoose.model('SettlementExport', settlementExportSchema);
