import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  createInvitation,
  fetchMerchantStaff,
  revokeMerchantStaff,
  type MerchantInvitation,
  type MerchantStaffMember,
} from '../../../services/benefit-admin';
import { errorMessage } from '../../../services/http';
import { chinaDateTimeText } from '../../../strings/benefit-admin';
import { confirm, showMessage, showSuccess } from '../../../utils/toast';

/**
 * 店员: an invitation code is shown once (only its hash is stored), so staff pass it on
 * right away; clerks already bound can be released, and cannot redeem from that moment.
 */
export function MerchantClerks({ merchantId }: { merchantId: string }) {
  const [invitation, setInvitation] = useState<MerchantInvitation | null>(null);
  const [staff, setStaff] = useState<MerchantStaffMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after a revocation so the list is read again.
  const [staffVersion, setStaffVersion] = useState(0);

  useEffect(() => {
    fetchMerchantStaff(merchantId)
      .then(setStaff)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [merchantId, staffVersion]);

  async function invite() {
    setBusy(true);
    try {
      setInvitation(await createInvitation(merchantId));
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(clerk: MerchantStaffMember) {
    if (!(await confirm('解除绑定', `解除后「${clerk.displayName}」将立即不能再核销本店的券，确定解除？`))) return;
    setBusy(true);
    try {
      await revokeMerchantStaff(merchantId, clerk.accountId);
      showSuccess('已解除');
      setStaffVersion((version) => version + 1);
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="panel" data-testid="admin-merchant-clerks">
      <Text className="panel__title">店员</Text>
      {invitation ? (
        <View className="notice notice--warn" data-testid="admin-invitation">
          <Text>店员邀请码（只显示这一次，请立即转交店员）</Text>
          <Text className="invitation-code" data-testid="admin-invitation-code">
            {invitation.code}
          </Text>
          <Text>{`${chinaDateTimeText(invitation.expiresAt)} 前有效，最多 ${invitation.maxUses} 人使用`}</Text>
          <Button
            className="btn btn--small"
            onClick={() => void Taro.setClipboardData({ data: invitation.code })}
            data-testid="admin-invitation-copy"
          >
            复制
          </Button>
        </View>
      ) : null}
      <Button className="btn" disabled={busy} onClick={() => void invite()} data-testid="admin-invitation-create">
        生成店员邀请码
      </Button>
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {staff && staff.length === 0 ? <Text className="muted">还没有店员绑定</Text> : null}
      {staff?.map((clerk) => (
        <View key={clerk.accountId} className="row" data-testid="admin-clerk">
          <View>
            <Text>{clerk.displayName}</Text>
            <Text className="muted">{` ${chinaDateTimeText(clerk.boundAt)} 绑定`}</Text>
          </View>
          <Text className="link" onClick={() => void revoke(clerk)} data-testid="admin-clerk-revoke">
            解除绑定
          </Text>
        </View>
      ))}
    </View>
  );
}
