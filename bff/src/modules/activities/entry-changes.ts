/**
 * Where an entry's status changes without the app in reach (a freed place offered or an offer
 * expired in places.ts, payments' hooks in entry-product.ts, the team lock in the job), the
 * change is reported here; notify.ts listens once the app is bound (`bindEntryNotifications`).
 * Those files cannot import the notifier itself: it presents entries, and the presenter reads
 * the waitlist through places.ts, which would close an import cycle.
 */
import type { Types } from 'mongoose';
import { markEntryFigures } from './figure-marks';

export type EntriesChangedListener = (
  entryIds: readonly Types.ObjectId[],
  now: Date,
  /** What the status alone does not say (为何取消, 缴费成功, 退款…), appended to the message. */
  note?: string,
) => Promise<void>;

let listener: EntriesChangedListener | null = null;

export function onEntriesChanged(next: EntriesChangedListener): void {
  listener = next;
}

/**
 * Reports stored changes: the cadres' figures are marked (figure-marks.ts), then the members
 * told; resolves once they are. The listener never throws.
 */
export async function entriesChanged(entryIds: readonly Types.ObjectId[], now: Date, note?: string): Promise<void> {
  if (entryIds.length === 0) return;
  await markEntryFigures(entryIds, now);
  await listener?.(entryIds, now, note);
}
