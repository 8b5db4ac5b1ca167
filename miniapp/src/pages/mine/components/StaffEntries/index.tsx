import { Button, Text, View } from '@tarojs/components';
import type { Me } from '@union/shared';
import { ROUTES } from '../../../../routes';
import { ROLE_LABELS } from '../../../../strings/membership';
import { openPage } from '../../../../utils/navigation';
import { staffEntryViews } from '../../../../utils/staff-entries';

/** Work tools for accounts holding staff roles; members only see where a merchant's clerk binds. */
export function StaffEntries({ me }: { me: Me }) {
  const staffRoles = me.roles.filter((grant) => grant.role !== 'member');
  const entries = staffEntryViews(me);
  // Clerks use their own WeChat account: any WeChat user may become one with an invitation code.
  const mayBindMerchant = me.kind === 'wechat' && !me.merchant;
  return (
    <>
      {staffRoles.length > 0 ? (
        <View className="panel" data-testid="staff-entries">
          <Text className="panel__title">工作台</Text>
          {staffRoles.map((grant) => (
            <View key={`${grant.role}-${grant.orgId}`} className="row">
              <Text>{ROLE_LABELS[grant.role]}</Text>
              <Text className="muted">{grant.orgName}</Text>
            </View>
          ))}
          {me.merchant && staffRoles.some((grant) => grant.role === 'merchant_staff') ? (
            <View className="row">
              <Text>所属商户</Text>
              <Text className="muted" data-testid="staff-merchant-name">
                {me.merchant.name}
              </Text>
            </View>
          ) : null}
          {entries.map((entry, index) => (
            <Button
              key={entry.key}
              className={index === 0 ? 'btn btn--primary' : 'btn'}
              onClick={() => openPage(entry.route)}
              data-testid={entry.testId}
            >
              {entry.label}
            </Button>
          ))}
        </View>
      ) : null}
      {mayBindMerchant ? (
        <View className="panel">
          <View className="row" onClick={() => openPage(ROUTES.merchantBind)} data-testid="mine-merchant-bind">
            <Text>商户店员绑定</Text>
            <Text className="muted">›</Text>
          </View>
        </View>
      ) : null}
    </>
  );
}
