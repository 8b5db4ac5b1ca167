import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TextField } from '../../../../components/TextField';
import { errorMessage } from '../../../../services/api-error';
import type { FieldErrors } from '../../../../utils/form-errors';
import { DEMO_STAFF_USERNAMES } from '../../demo-accounts';
import { loadSignIn } from '../../load-sign-in';

type Field = 'username' | 'password';

export function StaffPasswordForm({
  onSignedIn,
  showDemoAccounts,
}: {
  onSignedIn: () => void;
  showDemoAccounts: boolean;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    try {
      const { PasswordLoginRequestSchema, fieldErrorsFromZod, signInWithPassword } = await loadSignIn();
      const parsed = PasswordLoginRequestSchema.safeParse({ username, password });
      if (!parsed.success) {
        setFieldErrors(fieldErrorsFromZod(parsed.error));
        return;
      }
      setFieldErrors({});
      setError(null);
      await signInWithPassword(parsed.data.username, parsed.data.password);
      onSignedIn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="panel" data-testid="staff-login">
      <Text className="panel__title">工作人员登录</Text>
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {showDemoAccounts ? (
        <View className="identity-list">
          {DEMO_STAFF_USERNAMES.map((account) => (
            <View
              key={account.username}
              className={`identity ${username === account.username ? 'identity--selected' : ''}`}
              onClick={() => setUsername(account.username)}
              data-testid={`demo-staff-${account.username}`}
            >
              <Text>{account.label}</Text>
              <Text className="identity__note">{account.username}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <TextField
        label="用户名"
        value={username}
        onChange={setUsername}
        error={fieldErrors.username}
        testId="staff-username"
      />
      <TextField
        label="密码"
        value={password}
        onChange={setPassword}
        password
        error={fieldErrors.password}
        testId="staff-password"
      />
      <Button
        className="btn btn--primary"
        disabled={busy}
        onClick={() => void submit()}
        data-testid="staff-login-submit"
      >
        登录
      </Button>
    </View>
  );
}
