import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TextField } from '../../../../components/TextField';
import { errorMessage } from '../../../../services/api-error';
import { DEMO_WECHAT_IDENTITIES } from '../../demo-accounts';
import { loadSignIn } from '../../load-sign-in';

/** H5 stand-in for WeChat login: pick a demo WeChat user, or type any openid. */
export function DemoIdentityPicker({ onSignedIn }: { onSignedIn: () => void }) {
  const [openid, setOpenid] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(candidate: string) {
    setBusy(true);
    try {
      const { DevLoginRequestSchema, signInAsDemoUser } = await loadSignIn();
      const parsed = DevLoginRequestSchema.safeParse({ openid: candidate });
      if (!parsed.success) {
        setFieldError(parsed.error.issues[0]?.message);
        return;
      }
      setFieldError(undefined);
      setError(null);
      await signInAsDemoUser(parsed.data.openid);
      onSignedIn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="panel" data-testid="demo-login">
      <Text className="panel__title">体验登录</Text>
      <Text className="muted">选择一个演示微信身份（仅开发环境可用）</Text>
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      <View className="identity-list">
        {DEMO_WECHAT_IDENTITIES.map((identity) => (
          <View
            key={identity.openid}
            className="identity"
            data-testid={`demo-identity-${identity.openid}`}
            onClick={() => !busy && void signIn(identity.openid)}
          >
            <Text>{identity.label}</Text>
            <Text className="identity__note">{identity.note}</Text>
          </View>
        ))}
      </View>
      <TextField
        label="其他身份"
        value={openid}
        onChange={setOpenid}
        placeholder="输入 openid"
        error={fieldError}
        testId="demo-openid"
      />
      <Button className="btn" disabled={busy} onClick={() => void signIn(openid.trim())}>
        以此身份登录
      </Button>
    </View>
  );
}
