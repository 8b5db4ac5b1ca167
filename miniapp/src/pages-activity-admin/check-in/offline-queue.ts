/**
 * Card scans made while the phone is offline, kept in storage per activity and sent in one
 * batch when the connection returns. Each scan has a clientId so a batch sent twice (a retry
 * after a lost answer) is counted once by the BFF; one sync at a time per activity here.
 */
import Taro from '@tarojs/taro';
import { activityCheckInEndpoints as checkIns } from '@union/shared';
import { request } from '../../services/http';

export interface QueuedCheckIn {
  clientId: string;
  cardToken: string;
  sessionIndex: number;
  scannedAt: string;
}

const keyOf = (activityId: string) => `activity-check-in-queue:${activityId}`;

export function queuedCheckIns(activityId: string): QueuedCheckIn[] {
  const stored: unknown = Taro.getStorageSync(keyOf(activityId));
  return Array.isArray(stored) ? (stored as QueuedCheckIn[]) : [];
}

function saveQueue(activityId: string, items: QueuedCheckIn[]): void {
  Taro.setStorageSync(keyOf(activityId), items);
}

export function enqueueCheckIn(activityId: string, cardToken: string, sessionIndex: number): number {
  const items = queuedCheckIns(activityId);
  items.push({
    clientId: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    cardToken,
    sessionIndex,
    scannedAt: new Date().toISOString(),
  });
  saveQueue(activityId, items);
  return items.length;
}

const syncing = new Map<string, Promise<SyncOutcome>>();

export interface SyncOutcome {
  synced: number;
  refused: { maskedName: string | null; reason: string | null }[];
}

/** Sends the queue once; a second call while one is in flight shares it. */
export function syncCheckIns(activityId: string): Promise<SyncOutcome> {
  const running = syncing.get(activityId);
  if (running) return running;
  const run = (async () => {
    const items = queuedCheckIns(activityId).slice(0, 500);
    if (items.length === 0) return { synced: 0, refused: [] };
    const { results } = await request(checkIns.syncCheckIns, { params: { id: activityId }, body: { items } });
    const answered = new Set(results.map((result) => result.clientId));
    // Scans made during the request stay queued for the next sync.
    saveQueue(
      activityId,
      queuedCheckIns(activityId).filter((item) => !answered.has(item.clientId)),
    );
    return {
      synced: results.filter((result) => result.result !== 'refused').length,
      refused: results
        .filter((result) => result.result === 'refused')
        .map(({ maskedName, reason }) => ({ maskedName, reason })),
    };
  })().finally(() => syncing.delete(activityId));
  syncing.set(activityId, run);
  return run;
}
