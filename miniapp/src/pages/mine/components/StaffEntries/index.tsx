import { Button, Text, View } from '@tarojs/components';
import type { Me } from '@union/shared';
import { ROUTES } from '../../../../routes';
import { ROLE_LABELS } from '../../../../strings/membership';
import { openPage } from '../../../../utils/navigation';
import { canOperateStations, canReviewAid, canReviewJoinApplications, canVerifyCards } from '../../../../utils/roles';

/** Work tools for accounts holding staff roles; members never see this panel. */
export function StaffEntries({ me }: { me: Me }) {
  const staffRoles = me.roles.filter((grant) => grant.role !== 'member');
  if (staffRoles.length === 0) return null;
  return (
    <View className="panel" data-testid="staff-entries">
      <Text className="panel__title">工作台</Text>
      {staffRoles.map((grant) => (
        <View key={`${grant.role}-${grant.orgId}`} className="row">
          <Text>{ROLE_LABELS[grant.role]}</Text>
          <Text className="muted">{grant.orgName}</Text>
        </View>
      ))}
      {canVerifyCards(me) ? (
        <Button className="btn btn--primary" onClick={() => openPage(ROUTES.verify)}>
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
    </View>
  );
}
