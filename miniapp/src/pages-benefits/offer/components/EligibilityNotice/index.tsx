import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '@union/shared';
import { ROUTES } from '../../../../routes';

interface EligibilityNoticeProps {
  reasons: string[];
  me: Me | null;
}

/** Why the member cannot claim now; someone who is not yet a member is shown the way in. */
export function EligibilityNotice({ reasons, me }: EligibilityNoticeProps) {
  const notMember = me !== null && me.kind === 'wechat' && me.member === null;
  const applying = me?.latestJoinApplication?.status === 'pending';
  return (
    <View className="notice notice--warn" data-testid="offer-ineligible">
      <Text>{`暂不能领取：${reasons.join('；')}`}</Text>
      {notMember ? (
        <View data-testid="offer-join-prompt">
          <Text className="benefit-text">普惠优惠仅限工会会员。已是会员请实名绑定，还不是会员可申请入会。</Text>
          <View className="benefit-actions">
            <Button className="btn btn--primary" onClick={() => void Taro.navigateTo({ url: ROUTES.bind })}>
              实名绑定
            </Button>
            {applying ? (
              <Button className="btn" onClick={() => void Taro.navigateTo({ url: ROUTES.joinStatus })}>
                入会进度
              </Button>
            ) : (
              <Button className="btn" onClick={() => void Taro.navigateTo({ url: ROUTES.join })}>
                申请入会
              </Button>
            )}
          </View>
        </View>
      ) : null}
    </View>
  );
}
