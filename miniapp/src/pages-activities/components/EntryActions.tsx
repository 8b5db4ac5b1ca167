import { Button, Text, View } from '@tarojs/components';
import type { ActivityEntry } from '@union/shared';
import { useState } from 'react';
import { acceptOffer, cancelWithConfirm, payForEntry, scanToCheckIn } from '../entry-actions';

/**
 * What the member can do with an entry now. `paid` is whether the activity costs the member
 * anything (from the detail); null when unknown, and then only cancel is offered.
 */
export function EntryActions({
  entry,
  paid,
  onChanged,
}: {
  entry: ActivityEntry;
  paid: boolean | null;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<boolean | void>) => {
    if (busy) return;
    setBusy(true);
    try {
      if ((await action()) !== false) onChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="activity-actions" data-testid="entry-actions">
      {entry.status === 'pending_payment' ? (
        <Button
          className="btn"
          loading={busy}
          onClick={() => void run(() => payForEntry(entry.id))}
          data-testid="entry-pay"
        >
          去支付
        </Button>
      ) : null}
      {entry.status === 'offered' && paid !== null ? (
        <Button
          className="btn"
          loading={busy}
          onClick={() => void run(() => acceptOffer(entry.id, paid))}
          data-testid="entry-confirm"
        >
          {paid ? '确认并支付' : '确认名额'}
        </Button>
      ) : null}
      {entry.status === 'confirmed' || entry.status === 'checked_in' ? (
        <Button className="btn" onClick={() => void scanToCheckIn(entry.activityId)} data-testid="entry-check-in">
          扫码签到
        </Button>
      ) : null}
      {entry.canCancel ? (
        <Button
          className="btn btn--ghost"
          loading={busy}
          onClick={() => void run(() => cancelWithConfirm(entry.id, entry.team?.role === 'captain'))}
          data-testid="entry-cancel"
        >
          取消报名
        </Button>
      ) : null}
      {entry.offeredUntil && entry.status === 'offered' ? (
        <Text className="muted">请在截止时间前确认，逾期名额将递补给下一位</Text>
      ) : null}
    </View>
  );
}
