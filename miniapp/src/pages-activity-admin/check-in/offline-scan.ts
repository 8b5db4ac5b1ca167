/**
 * What the phone can decide about a card scan while offline, before queueing it: the session it
 * belongs to (the one open for check-in now, by the shared rule the BFF uses), and whether the
 * card is genuine and fresh by the public keys cached on the phone. The BFF re-verifies on sync.
 */
import { currentCheckInSession, verifyCardToken, type CardPublicKey } from '@union/shared';
import type { StaffActivityDetail } from '../services';

type Session = StaffActivityDetail['sessions'][number];

export type OfflineScan = { queue: true; sessionIndex: number; unverified: boolean } | { queue: false; reason: string };

export function offlineScan(
  cardToken: string,
  sessions: readonly Session[] | null,
  keys: readonly CardPublicKey[],
  now: Date,
): OfflineScan {
  if (!sessions) return { queue: false, reason: '场次未载入，无法离线签到，请联网后重试' };
  const open = currentCheckInSession(
    sessions.map((session, index) => ({
      startsAt: new Date(session.startsAt),
      endsAt: new Date(session.endsAt),
      index,
    })),
    now,
  );
  if (!open) return { queue: false, reason: '当前不在签到时间内（开始前 30 分钟至结束）' };
  // No keys ever cached on this phone: queued all the same, the BFF checks the card on sync.
  if (keys.length === 0) return { queue: true, sessionIndex: open.index, unverified: true };
  const { result } = verifyCardToken(cardToken, keys, now.getTime());
  if (result === 'forged') return { queue: false, reason: '会员卡二维码无效，未签到' };
  if (result !== 'valid') return { queue: false, reason: '会员卡二维码已过期，请会员刷新后再出示' };
  return { queue: true, sessionIndex: open.index, unverified: false };
}
