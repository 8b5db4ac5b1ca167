import { Button, Text, View } from '@tarojs/components';
import type { Me } from '@union/shared';
import { ROUTES } from '../../../../routes';
import { JOIN_STATUS_LABELS, MEMBER_STATUS_LABELS } from '../../../../strings/membership';
import { openPage } from '../../../../utils/navigation';
import { InfoRow } from '../../../../components/InfoRow';

/** Bound member, a pending application, or the two ways to become a member. */
export function MembershipPanel({ me }: { me: Me }) {
  if (me.member) {
    const { member } = me;
    return (
      <View className="panel" data-testid="membership-bound">
        <Text className="panel__title">我的会籍</Text>
        <View className="row">
          <Text>{member.maskedName}</Text>
          <Text className={`tag tag--${member.status}`}>{MEMBER_STATUS_LABELS[member.status]}</Text>
        </View>
        <InfoRow label="会员号">{member.memberNo}</InfoRow>
        <InfoRow label="所属工会">{member.orgName}</InfoRow>
        <Button className="btn btn--primary" onClick={() => openPage(ROUTES.card)}>
          电子会员卡
        </Button>
      </View>
    );
  }

  const application = me.latestJoinApplication;
  return (
    <View className="panel" data-testid="membership-unbound">
      <Text className="panel__title">我的会籍</Text>
      {application ? (
        <View className="row" onClick={() => openPage(ROUTES.joinStatus)}>
          <Text>入会申请 · {application.orgName}</Text>
          <Text className={`tag tag--${application.status}`}>{JOIN_STATUS_LABELS[application.status]}</Text>
        </View>
      ) : (
        <Text className="muted">尚未绑定会员身份</Text>
      )}
      {application?.status === 'pending' ? (
        <Button className="btn" onClick={() => openPage(ROUTES.joinStatus)}>
          查看审核进度
        </Button>
      ) : (
        <>
          <Button className="btn btn--primary" onClick={() => openPage(ROUTES.bind)}>
            实名绑定
          </Button>
          <Button className="btn" onClick={() => openPage(ROUTES.join)}>
            申请入会
          </Button>
        </>
      )}
    </View>
  );
}
