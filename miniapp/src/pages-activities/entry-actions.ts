import Taro from '@tarojs/taro';
import { confirmOrder, simulatePayment } from '../services/benefits';
import { errorMessage } from '../services/http';
import { cancelEntry, checkIn, confirmEntry, payEntry } from '../services/activities';
import { showMessage, showSuccess } from '../utils/toast';

/**
 * Pays a paid entry as 普惠 pays an order: WeChat Pay in weapp, then confirm; in the demo
 * environment the BFF's simulated payment (it sends the real notification). True when paid.
 */
export async function payForEntry(entryId: string): Promise<boolean> {
  try {
    const checkout = await payEntry(entryId);
    if (checkout.order.status === 'paid') return true;
    if (checkout.simulated) {
      const go = await Taro.showModal({ title: '模拟支付', content: '演示环境：没有真实微信支付，是否模拟支付成功？' });
      if (!go.confirm) return false;
      await simulatePayment(checkout.order.id);
    } else if (checkout.payment) {
      await Taro.requestPayment(checkout.payment);
    }
    await confirmOrder(checkout.order.id);
    showSuccess('支付成功');
    return true;
  } catch (e) {
    showMessage(/cancel/i.test((e as { errMsg?: string } | null)?.errMsg ?? '') ? '您已取消支付' : errorMessage(e));
    return false;
  }
}

/** Cancels after the member says yes; true when cancelled. A captain's entry is the team's place. */
export async function cancelWithConfirm(entryId: string, dissolvesTeam = false): Promise<boolean> {
  const answer = await Taro.showModal({
    title: '取消报名',
    content: dissolvesTeam
      ? '您是队长，取消后队伍将解散，队员的报名一并失效。确定取消吗？'
      : '确定取消本次报名吗？空出的名额将递补给候补的会员。',
  });
  if (!answer.confirm) return false;
  try {
    await cancelEntry(entryId);
    showSuccess('已取消');
    return true;
  } catch (e) {
    showMessage(errorMessage(e));
    return false;
  }
}

/** Takes an offered place; a paid activity is paid right after. */
export async function acceptOffer(entryId: string, paid: boolean): Promise<boolean> {
  if (paid) return payForEntry(entryId);
  try {
    await confirmEntry(entryId);
    showSuccess('已确认');
    return true;
  } catch (e) {
    showMessage(errorMessage(e));
    return false;
  }
}

/** 扫码签到: the organiser's rotating session QR, sent as it is read. */
export async function scanToCheckIn(activityId: string): Promise<void> {
  let code: string;
  try {
    code = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
  } catch {
    return;
  }
  try {
    const result = await checkIn(activityId, code);
    showSuccess(result.alreadyCheckedIn ? '本场已签到' : '签到成功');
  } catch (e) {
    showMessage(errorMessage(e));
  }
}
