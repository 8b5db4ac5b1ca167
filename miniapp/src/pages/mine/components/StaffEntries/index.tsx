import { Button, Text, View } from '@tarojs/components';
import type { Me } from '@union/shared';
import { ROUTES } from '../../../../routes';
import { ROLE_LABELS } from '../../../../strings/membership';
import { openPage } from '../../../../utils/navigation';
import {
  canManageBenefits,
  canOperateStations,
  canReviewAid,
  canReviewJoinApplications,
  canVerifyCards,
  isMerchantClerk,
} from '../../../../utils/roles';

/** Work tools for accounts holding staff roles; members only see where a merchant's clerk binds. */
export function StaffEntries({ me }: { me: Me }) {
  const staffRoles = me.roles.filter((grant) => grant.role !== 'member');
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
          {isMerchantClerk(me) ? (
            <>
              <View className="row">
                <Text>所属商户</Text>
                <Text className="muted" data-testid="staff-merchant-name">
                  {me.merchant?.name}
                </Text>
              </View>
              <Button
                className="btn btn--primary"
                onClick={() => openPage(ROUTES.merchantRedeem)}
                data-testid="staff-merchant-redeem-entry"
              >
                核销优惠券
              </Button>
              <Button
                className="btn"
                onClick={() => openPage(ROUTES.merchantToday)}
                data-testid="staff-merchant-today-entry"
              >
                今日核销
              </Button>
            </>
          ) : null}
          {canVerifyCards(me) ? (
            <Button
              className={isMerchantClerk(me) ? 'btn' : 'btn btn--primary'}
              onClick={() => openPage(ROUTES.verify)}
            >
              扫码核验会员卡
            </Button>
          ) : null}
          {canReviewJoinApplications(me) ? (
            <Button className="btn" onClick={() => openPage(ROUTES.reviewQueue)}>
              入会审核
            </Button>
          ) : null}
          {canReviewAid(me) ? (
            <Button className="btn" onClick={() => openPage(ROUTES.staffAidQueue)} data-testid="staff-aid-entry">
              助学审核
            </Button>
          ) : null}
          {canReviewAid(me) ? (
            <Button
              className="btn"
              onClick={() => openPage(ROUTES.staffAidProgrammes)}
              data-testid="staff-aid-programmes-entry"
            >
              助学项目与发放
            </Button>
          ) : null}
          {canOperateStations(me) ? (
            <Button className="btn" onClick={() => openPage(ROUTES.staffStations)} data-testid="staff-stations-entry">
              驿站管理
            </Button>
          ) : null}
          {canManageBenefits(me) ? (
            <>
              <Button
                className="btn"
                onClick={() => openPage(ROUTES.adminMerchants)}
                data-testid="staff-benefit-merchants-entry"
              >
                普惠商家
              </Button>
              <Button
                className="btn"
                onClick={() => openPage(ROUTES.adminOffers)}
                data-testid="staff-benefit-offers-entry"
              >
                优惠管理
              </Button>
              <Button
                className="btn"
                onClick={() => openPage(ROUTES.adminSettlement)}
                data-testid="staff-benefit-settlement-entry"
              >
                普惠月度结算
              </Button>
            </>
          ) : null}
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
