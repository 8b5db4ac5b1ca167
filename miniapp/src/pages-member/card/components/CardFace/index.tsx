import { Text, View } from '@tarojs/components';
import type { MemberCard } from '@union/shared';
import { MEMBER_STATUS_LABELS } from '../../../../strings/membership';
import { formatDate } from '../../../../utils/datetime';

export function CardFace({ card }: { card: MemberCard }) {
  return (
    <View className="card-face">
      <View className="card-face__top">
        <Text className="card-face__title">工会会员电子卡</Text>
        <Text className={`tag tag--${card.status}`} data-testid="card-status">
          {MEMBER_STATUS_LABELS[card.status]}
        </Text>
      </View>
      <Text className="card-face__name">{card.name}</Text>
      <View className="card-face__line">
        <Text className="card-face__label">会员号</Text>
        <Text className="card-face__value" data-testid="card-member-no">
          {card.memberNo}
        </Text>
      </View>
      <View className="card-face__line">
        <Text className="card-face__label">身份证号</Text>
        <Text className="card-face__value">{card.maskedIdNumber}</Text>
      </View>
      <View className="card-face__line">
        <Text className="card-face__label">所属工会</Text>
        <Text className="card-face__value">{card.orgName}</Text>
      </View>
      <View className="card-face__line">
        <Text className="card-face__label">入会日期</Text>
        <Text className="card-face__value">{formatDate(card.joinedAt)}</Text>
      </View>
    </View>
  );
}
