/**
 * One attendance record per (entry, member, session index): a team's members check in on the
 * captain's entry, each once; the unique index makes a check-in count once however often it is
 * sent (replayed scans, an offline batch synced twice or in parallel).
 */
import { model, Schema, type Types } from 'mongoose';
import { CHECK_IN_METHODS } from '@union/shared';

const attendanceSchema = new Schema(
  {
    activityId: { type: Schema.Types.ObjectId, required: true },
    entryId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    sessionIndex: { type: Number, required: true },
    method: { type: String, enum: CHECK_IN_METHODS, required: true },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, default: null },
    clientId: { type: String, default: null },
  },
  { versionKey: false, timestamps: { createdAt: true, updatedAt: false } },
);
attendanceSchema.index({ entryId: 1, memberId: 1, sessionIndex: 1 }, { unique: true });
attendanceSchema.index({ activityId: 1, sessionIndex: 1 });

export interface AttendanceDoc {
  _id: Types.ObjectId;
  activityId: Types.ObjectId;
  entryId: Types.ObjectId;
  memberId: Types.ObjectId;
  sessionIndex: number;
  method: (typeof CHECK_IN_METHODS)[number];
  at: Date;
  by: Types.ObjectId | null;
  clientId: string | null;
}

export const AttendanceModel = model('ActivityAttendance', attendanceSchema);

/** Sessions attended per entry: a session counts once however many of a team's members came. */
export function sessionsAttendedByEntry(rows: Pick<AttendanceDoc, 'entryId' | 'sessionIndex'>[]): Map<string, number> {
  const seen = new Map<string, Set<number>>();
  for (const row of rows) {
    const key = String(row.entryId);
    const sessions = seen.get(key) ?? seen.set(key, new Set()).get(key)!;
    sessions.add(row.sessionIndex);
  }
  return new Map([...seen].map(([key, sessions]) => [key, sessions.size]));
}
