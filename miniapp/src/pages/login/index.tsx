import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { errorMessage } from '../../services/api-error';
import { loadSession } from '../../services/session-store';
import { ROUTES } from '../../routes';
import { pageAfterSignIn } from '../../utils/after-sign-in';
import { isWeapp } from '../../utils/platform';
import { DemoIdentityPicker } from './components/DemoIdentityPicker';
import { StaffPasswordForm } from './components/StaffPasswordForm';
import { loadSignIn } from './load-sign-in';
import './index.css';

/**
 * The launch page. weapp signs in silently with Taro.login; H5 (no WeChat) offers the
 * demo identities. Staff can sign in with a password on both. Signed in, it goes to 首页,
 * or to the page a scanned poster or a page needing sign-in asked for (pageAfterSignIn).
 */
export default function LoginPage() {
  const { params } = useRouter();
  const next = pageAfterSignIn(params);
  const enterApp = () => void (next ? Taro.redirectTo({ url: next }) : Taro.switchTab({ url: ROUTES.home }));
  const [signingIn, setSigningIn] = useState(false);
  const [wechatError, setWechatError] = useState<string | null>(null);

  async function signInSilently() {
    setSigningIn(true);
    setWechatError(null);
    try {
      const { signInWithWechat } = await loadSignIn();
      await signInWithWechat();
      enterApp();
    } catch (e) {
      setWechatError(errorMessage(e));
    } finally {
      setSigningIn(false);
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    if (loadSession()) return enterApp();
    // After an explicit sign-out, wait for a tap instead of signing straight back in.
    if (isWeapp() && params.manual !== '1') void signInSilently();
  });

  return (
    <View className="page">
      <View className="login-header">
        <Text className="login-header__title">工会会员服务</Text>
        <Text className="muted">入会、电子会员卡、驿站与普惠服务</Text>
      </View>
      {isWeapp() ? (
        <View className="panel">
          {wechatError ? <Text className="notice notice--error">{wechatError}</Text> : null}
          <Button
            className="btn btn--primary"
            loading={signingIn}
            disabled={signingIn}
            onClick={() => void signInSilently()}
          >
            {signingIn ? '正在登录…' : '微信登录'}
          </Button>
        </View>
      ) : DEMO_LOGIN ? (
        <DemoIdentityPicker onSignedIn={enterApp} />
      ) : (
        // A browser outside WeChat has no member sign-in in production: say where a member
        // (e.g. a rider who scanned a station poster with another app) can do it instead.
        <Text className="notice notice--info" data-testid="login-use-wechat">
          会员请在微信中使用：用微信“扫一扫”扫描驿站海报二维码即可打卡，或在微信中搜索并打开本小程序。
        </Text>
      )}
      <StaffPasswordForm onSignedIn={enterApp} showDemoAccounts={!isWeapp() && DEMO_LOGIN} />
    </View>
  );
}
