import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '@union/shared';
import { useMe } from '../../hooks/useMe';
import { ROUTES } from '../../routes';
import { signOut } from '../../services/auth';
import { AidEntries } from './components/AidEntries';
import { MembershipPanel } from './components/MembershipPanel';
import { StaffEntries } from './components/StaffEntries';

export default function MinePage() {
  const { me, error } = useMe();

  async function leave() {
    await signOut();
    void Taro.reLaunch({ url: `${ROUTES.login}?manual=1` });
  }

  return (
    <View className="page">
      <View className="panel">
        <Text className="panel__title">{me?.member?.maskedName ?? me?.displayName ?? '未登录'}</Text>
        <Text className="muted">{accountKindLabel(me)}</Text>
      </View>
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {me?.kind === 'wechat' ? <MembershipPanel me={me} /> : null}
      {me?.kind === 'wechat' ? <AidEntries /> : null}
      {me ? <StaffEntries me={me} /> : null}
      <Button className="btn" onClick={() => void leave()}>
        退出登录
      </Button>
    </View>
  );
}

function accountKindLabel(me: Me | null | undefined): string {
  if (!me) return '';
  if (me.kind === 'staff') return '工作人员账号';
  return me.member ? `会员号 ${me.member.memberNo}` : '微信账号（尚未绑定会员）';
}
