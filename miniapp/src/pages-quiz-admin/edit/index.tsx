import { Button, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { PageLoading } from '../../components/PageLoading';
import { TextField } from '../../components/TextField';
import { ROUTES } from '../../routes';
import { ApiError, errorMessage } from '../../services/http';
import { loadSession } from '../../services/session-store';
import { stationManagementOrgs } from '../../utils/roles';
import { showSuccess } from '../../utils/toast';
import { fetchStaffQuiz, saveQuiz } from '../services';
import { AudiencePicker } from './components/AudiencePicker';
import { RuleRows } from './components/RuleRows';
import {
  draftFromDetail,
  emptyQuizDraft,
  errorsFromApi,
  validateQuizDraft,
  type DraftErrors,
  type QuizDraft,
} from './draft';
import '../quiz-admin.css';

/** Create or edit a quiz (draft only); the shared schema checks it here first, each message at its field. */
export default function QuizEditPage() {
  const { params } = useRouter();
  const id = params.id || undefined;
  const me = loadSession()?.me ?? null;
  const orgs = me ? stationManagementOrgs(me) : [];
  const [draft, setDraft] = useState<QuizDraft | null>(() => (id ? null : emptyQuizDraft(orgs[0]?.id ?? '')));
  const [orgName, setOrgName] = useState(orgs[0]?.name ?? '');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    if (!id) return;
    fetchStaffQuiz(id).then(
      (quiz) => {
        setDraft(draftFromDetail(quiz));
        setOrgName(quiz.orgName);
      },
      (e: unknown) => setLoadError(errorMessage(e)),
    );
  });

  if (!draft) return <PageLoading error={loadError} testId="quiz-edit-load-error" />;
  const set = (patch: Partial<QuizDraft>) => setDraft({ ...draft, ...patch });

  async function submit() {
    if (!draft) return;
    const { input, errors: found } = validateQuizDraft(draft);
    setErrors(found);
    setNotice('');
    if (!input) {
      setNotice('请按提示修改后再保存');
      return;
    }
    setBusy(true);
    try {
      const saved = await saveQuiz(id, input);
      showSuccess('已保存');
      if (id) void Taro.navigateBack();
      // A new quiz goes on to its page, where the question bank is imported.
      else void Taro.redirectTo({ url: `${ROUTES.quizAdminManage}?id=${saved.id}` });
    } catch (error) {
      if (error instanceof ApiError && error.details.length) setErrors(errorsFromApi(error));
      setNotice(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const field = (path: string) => errors[path];
  return (
    <View className="page quiz-admin">
      <View className="panel">
        <TextField
          label="竞赛名称"
          value={draft.title}
          maxlength={40}
          onChange={(title) => set({ title })}
          error={field('title')}
          testId="quiz-title"
        />
        <Textarea
          className="text-area"
          value={draft.description}
          maxlength={2000}
          placeholder="竞赛说明（答题须知、奖励办法等）"
          onInput={(e) => set({ description: e.detail.value })}
          data-testid="quiz-description"
        />
        {field('description') ? <Text className="field__error">{field('description')}</Text> : null}
        {orgs.length > 1 && !id ? (
          <View className="field">
            <Text className="field__label">主办组织</Text>
            <View className="quiz-admin__chips">
              {orgs.map((org) => (
                <Chip
                  key={org.id}
                  on={draft.orgId === org.id}
                  onClick={() => {
                    set({ orgId: org.id, audienceOrgId: '' });
                    setOrgName(org.name);
                  }}
                  testId={`quiz-org-${org.id}`}
                >
                  {org.name}
                </Chip>
              ))}
            </View>
          </View>
        ) : null}
        {field('orgId') ? (
          <Text className="field__error" data-testid="quiz-error-orgId">
            {field('orgId')}
          </Text>
        ) : null}
        <AudiencePicker
          orgId={draft.orgId}
          orgName={orgName}
          value={draft.audienceOrgId}
          onChange={(audienceOrgId) => set({ audienceOrgId })}
          error={field('audienceOrgId')}
        />
      </View>

      <View className="panel">
        <Text className="panel__title">时间与次数（北京时间 YYYY-MM-DD HH:mm）</Text>
        <TextField
          label="开始时间"
          value={draft.opensAt}
          placeholder="2026-12-01 09:00"
          onChange={(opensAt) => set({ opensAt })}
          error={field('opensAt')}
          testId="quiz-opens-at"
        />
        <TextField
          label="结束时间"
          value={draft.closesAt}
          placeholder="2026-12-15 18:00"
          onChange={(closesAt) => set({ closesAt })}
          error={field('closesAt')}
          testId="quiz-closes-at"
        />
        <TextField
          label="答题时限（分钟）"
          type="number"
          value={draft.timeLimitMinutes}
          onChange={(timeLimitMinutes) => set({ timeLimitMinutes })}
          error={field('timeLimitMinutes')}
          testId="quiz-time-limit"
        />
        <TextField
          label="每人可答次数"
          type="number"
          value={draft.attemptsPerMember}
          onChange={(attemptsPerMember) => set({ attemptsPerMember })}
          error={field('attemptsPerMember')}
          testId="quiz-attempts"
        />
        <View className="row">
          <Text>交卷后显示标准答案与解析</Text>
          <Switch checked={draft.showExplanations} onChange={(e) => set({ showExplanations: e.detail.value })} />
        </View>
      </View>

      <RuleRows rules={draft.rules} errors={errors} onChange={(rules) => set({ rules })} />

      {notice ? (
        <Text className="notice notice--error" data-testid="quiz-edit-notice">
          {notice}
        </Text>
      ) : null}
      <Button className="btn btn--primary" disabled={busy} onClick={() => void submit()} data-testid="quiz-save">
        保存
      </Button>
    </View>
  );
}
