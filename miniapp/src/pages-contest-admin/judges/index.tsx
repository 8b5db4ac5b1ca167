import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  JudgeInvitationRequestSchema,
  JudgeScopeRequestSchema,
  type ContestJudge,
  type ContestSetupView,
} from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { PageLoading } from '../../components/PageLoading';
import {
  createJudgeInvitation,
  fetchContestJudges,
  fetchContestSetup,
  removeContestJudge,
  updateContestJudge,
} from '../../services/contests';
import { errorMessage } from '../../services/http';
import { formatDateTime } from '../../utils/datetime';
import { confirm, showMessage, showSuccess } from '../../utils/toast';
import '../contest-admin.css';

interface Scope {
  groupIds: string[];
  roundIds: string[];
}

const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

/** Judges: invite by a one-time code naming groups and rounds, list, change their groups, remove. */
export default function ContestJudgesPage() {
  const { params } = useRouter();
  const activityId = params.id ?? '';
  const [view, setView] = useState<ContestSetupView | null>(null);
  const [judges, setJudges] = useState<ContestJudge[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [scope, setScope] = useState<Scope>({ groupIds: [], roundIds: [] });
  const [scopeError, setScopeError] = useState<string | null>(null);
  const [invitation, setInvitation] = useState<{ code: string; expiresAt: string } | null>(null);
  const [editing, setEditing] = useState<{ judgeId: string; scope: Scope } | null>(null);

  const loadJudges = () =>
    fetchContestJudges(activityId).then(
      ({ items }) => setJudges(items),
      (e: unknown) => setError(errorMessage(e)),
    );
  useDidShow(() => {
    fetchContestSetup(activityId).then(setView, (e: unknown) => setError(errorMessage(e)));
    void loadJudges();
  });
  if (!view) return <PageLoading error={error} testId="judges-error" />;

  const groupName = (id: string) => view.groups.find((g) => g.id === id)?.name ?? id;
  const roundName = (id: string) => view.rounds.find((r) => r.id === id)?.name ?? id;
  const scopeText = (s: Scope) =>
    `${s.groupIds.map(groupName).join('、')} · ${s.roundIds.length ? s.roundIds.map(roundName).join('、') : '全部轮次'}`;

  function scopePicker(value: Scope, onChange: (next: Scope) => void, testId: string) {
    return (
      <>
        <Text className="muted">组别</Text>
        <View className="contest-admin__chips">
          {view!.groups.map((g) => (
            <Chip
              key={g.id}
              on={value.groupIds.includes(g.id)}
              onClick={() => onChange({ ...value, groupIds: toggle(value.groupIds, g.id) })}
              testId={`${testId}-group-${g.id}`}
            >
              {g.name}
            </Chip>
          ))}
        </View>
        <Text className="muted">轮次（不选为全部轮次）</Text>
        <View className="contest-admin__chips">
          {view!.rounds.map((r) => (
            <Chip
              key={r.id}
              on={value.roundIds.includes(r.id)}
              onClick={() => onChange({ ...value, roundIds: toggle(value.roundIds, r.id) })}
              testId={`${testId}-round-${r.id}`}
            >
              {r.name}
            </Chip>
          ))}
        </View>
      </>
    );
  }

  async function invite() {
    const parsed = JudgeInvitationRequestSchema.safeParse(scope);
    if (!parsed.success) return setScopeError(parsed.error.issues[0]?.message ?? '请选择组别');
    setScopeError(null);
    try {
      const created = await createJudgeInvitation(activityId, parsed.data);
      setInvitation({ code: created.code, expiresAt: created.expiresAt });
    } catch (e) {
      setScopeError(errorMessage(e));
    }
  }

  async function saveScope() {
    if (!editing) return;
    const parsed = JudgeScopeRequestSchema.safeParse(editing.scope);
    if (!parsed.success) return showMessage(parsed.error.issues[0]?.message ?? '请选择组别');
    try {
      await updateContestJudge(activityId, editing.judgeId, parsed.data);
      setEditing(null);
      showSuccess('已修改');
      void loadJudges();
    } catch (e) {
      showMessage(errorMessage(e));
    }
  }

  async function remove(judge: ContestJudge) {
    if (!(await confirm('移除评委', `移除「${judge.displayName}」后，其已提交的评分保留，但不能再评分。`))) return;
    try {
      await removeContestJudge(activityId, judge.id);
      showSuccess('已移除');
      void loadJudges();
    } catch (e) {
      showMessage(errorMessage(e));
    }
  }

  return (
    <View className="page" data-testid="contest-judges-page">
      <View className="panel">
        <Text className="panel__title">邀请评委</Text>
        {scopePicker(scope, setScope, 'invite')}
        {scopeError ? (
          <Text className="field__error contest-admin__error" data-testid="invite-error">
            {scopeError}
          </Text>
        ) : null}
        <Button className="btn btn--primary" onClick={() => void invite()} data-testid="invite-create">
          生成邀请码
        </Button>
        {invitation ? (
          <View className="contest-admin__sub" data-testid="invite-result">
            <Text className="contest-admin__code" data-testid="invite-code">
              {invitation.code}
            </Text>
            <Text className="muted">{`邀请码只显示这一次，${formatDateTime(invitation.expiresAt)} 前有效。评委在“我的 → 评委打分”中输入。`}</Text>
            <Button
              className="btn btn--small"
              onClick={() => void Taro.setClipboardData({ data: invitation.code })}
              data-testid="invite-copy"
            >
              复制
            </Button>
          </View>
        ) : null}
      </View>
      <View className="panel">
        <Text className="panel__title">{`评委（${judges.length}）`}</Text>
        {judges.length === 0 ? <Text className="muted">还没有评委绑定</Text> : null}
        {judges.map((judge) => (
          <View key={judge.id} className="contest-admin__sub" data-testid="judge-item">
            <View className="contest-admin__line">
              <View className="contest-admin__lines">
                <Text>{judge.displayName}</Text>
                <Text className="muted">{scopeText(judge)}</Text>
                <Text className="muted">{`已提交 ${judge.submittedSheets} 份评分`}</Text>
              </View>
            </View>
            {editing?.judgeId === judge.id ? (
              <>
                {scopePicker(editing.scope, (next) => setEditing({ judgeId: judge.id, scope: next }), 'judge-edit')}
                <View className="contest-admin__actions">
                  <Button
                    className="btn btn--small btn--primary"
                    onClick={() => void saveScope()}
                    data-testid="judge-edit-save"
                  >
                    保存
                  </Button>
                  <Button className="btn btn--small" onClick={() => setEditing(null)}>
                    取消
                  </Button>
                </View>
              </>
            ) : (
              <View className="contest-admin__actions">
                <Button
                  className="btn btn--small"
                  onClick={() =>
                    setEditing({ judgeId: judge.id, scope: { groupIds: judge.groupIds, roundIds: judge.roundIds } })
                  }
                  data-testid="judge-edit"
                >
                  修改组别
                </Button>
                <Button className="btn btn--small" onClick={() => void remove(judge)} data-testid="judge-remove">
                  移除
                </Button>
              </View>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
