/** The application's timeline: append-only entries in their own collection (no $push on jongodb). */
import { Types } from 'mongoose';
import type { AidApplication } from '@union/shared';
import { AidTimelineModel, type AidTimelineDoc } from './aid-timeline.model';

export type TimelineAction = AidApplication['timeline'][number]['action'];

export interface TimelineEntryInput {
  action: TimelineAction;
  actorAccountId: string | Types.ObjectId;
  /** What the applicant sees instead of a name: '申请人', or the reviewer's organisation and role. */
  actorLabel: string;
  step?: number | null;
  note?: string | null;
  at?: Date;
  /** Makes the entry once-only: appending it again finds the first (see aid-review/change-record.ts). */
  onceKey?: string;
}

export const APPLICANT_LABEL = '申请人';

export async function appendTimeline(
  applicationId: string | Types.ObjectId,
  entry: TimelineEntryInput,
): Promise<AidTimelineDoc> {
  const [created] = await AidTimelineModel.insertMany([
    {
      applicationId: new Types.ObjectId(String(applicationId)),
      at: entry.at ?? new Date(),
      action: entry.action,
      actorAccountId: new Types.ObjectId(String(entry.actorAccountId)),
      actorLabel: entry.actorLabel,
      step: entry.step ?? null,
      note: entry.note ?? null,
      ...(entry.onceKey ? { onceKey: entry.onceKey } : {}),
    },
  ]);
  return created!.toObject() as AidTimelineDoc;
}

/** Timelines of several applications at once, oldest entry first, keyed by application id. */
export async function timelinesOf(applicationIds: (string | Types.ObjectId)[]): Promise<Map<string, AidTimelineDoc[]>> {
  const ids = applicationIds.map((id) => new Types.ObjectId(String(id)));
  const entries = await AidTimelineModel.find({ applicationId: { $in: ids } })
    .sort({ applicationId: 1, at: 1, _id: 1 })
    .lean<AidTimelineDoc[]>();
  const byApplication = new Map<string, AidTimelineDoc[]>(ids.map((id) => [String(id), []]));
  for (const entry of entries) byApplication.get(String(entry.applicationId))?.push(entry);
  return byApplication;
}
