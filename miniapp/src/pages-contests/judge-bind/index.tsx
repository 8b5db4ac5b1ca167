import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BindJudgeRequestSchema } from '@union/shared';
import { useState } from 'react';
import { InvitationCodeField } from '../../components/InvitationCodeField';
import { TextField } from '../../components/TextField';
import { ROUTES } from '../../routes';
import { bindJudge } from '../../services/contests';
import { ApiError, errorMessage } from '../../services/http';
import { showSuccess } from '../../utils/toast';
import '../contests.css';

/** Any signed-in WeChat user becomes a judge of one contest with the organiser's 8-character code. */
export default function JudgeBindPage() {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function bind() {
    const parsed = BindJudgeRequestSchema.safeParse({ code, displayName: name.trim() || undefined });
    const issueAt = (field: string) =>
      parsed.success ? null : (parsed.error.issues.find((i) => i.path[0] === field)?.message ?? null);
    setError(issueAt('code'));
    setNameError(issueAt('displayName'));
    if (!parsed.success) return;
    setBusy(true);
    try {
      const contest = await bindJudge(parsed.data.code, parsed.data.displayName);
      showSuccess('绑定成功');
      void Taro.redirectTo({ url: `${ROUTES.judging}?id=${contest.activityId}` });
    } catch (e) {
      const detail = e instanceof ApiError ? e.details.find((d) => d.path.endsWith('code'))?.message : undefined;
      setError(detail ?? errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page">
      <View className="panel">
        <Text className="panel__title">评委绑定</Text>
        <Text className="muted">
          输入竞赛组织者提供的 8 位评委邀请码。绑定后，可在本微信号上为分配给您的参赛者打分。
        </Text>
        <InvitationCodeField value={code} onChange={setCode} error={error} testId="judge-code" />
        <TextField
          label="评委姓名"
          value={name}
          onChange={setName}
          placeholder="选填，组织者和参赛者看到的名字"
          maxlength={20}
          error={nameError ?? undefined}
          testId="judge-name-input"
        />
        <Button className="btn btn--primary" disabled={busy} onClick={() => void bind()} data-testid="judge-bind">
          {busy ? '正在绑定…' : '绑定'}
        </Button>
      </View>
    </View>
  );
}
