import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import type { ContestSetupView } from '@union/shared';
import { useState } from 'react';
import { PageLoading } from '../../components/PageLoading';
import { fetchContestSetup, saveContestSetup } from '../../services/contests';
import { ApiError, errorMessage } from '../../services/http';
import { showSuccess } from '../../utils/toast';
import { RankingEditor } from './components/RankingEditor';
import { RoundEditor } from './components/RoundEditor';
import {
  draftFromView,
  emptyRound,
  errorsFromDetails,
  validateSetupDraft,
  type RoundDraft,
  type SetupDraft,
  type SetupErrors,
} from './draft';
import '../contest-admin.css';

/** A skill contest's rounds, rubrics, aggregation, advancement, ranking and awards; checked as the BFF checks them. */
export default function ContestSetupPage() {
  const { params } = useRouter();
  const activityId = params.id ?? '';
  const [view, setView] = useState<ContestSetupView | null>(null);
  const [draft, setDraft] = useState<SetupDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<SetupErrors>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    fetchContestSetup(activityId).then(
      (loaded) => {
        setView(loaded);
        setDraft(draftFromView(loaded));
      },
      (e: unknown) => setLoadError(errorMessage(e)),
    );
  });

  if (!view || !draft) return <PageLoading error={loadError} testId="setup-load-error" />;
  const groupIds = view.groups.map((g) => g.id);
  const set = (patch: Partial<SetupDraft>) => setDraft({ ...draft, ...patch });
  const setRound = (index: number, patch: Partial<RoundDraft>) =>
    set({ rounds: draft.rounds.map((r, i) => (i === index ? { ...r, ...patch } : r)) });

  async function save() {
    if (!draft) return;
    const { input, errors: found } = validateSetupDraft(draft, groupIds);
    setErrors(found);
    setNotice('');
    if (!input) return setNotice('请按提示修改后再保存');
    setBusy(true);
    try {
      const saved = await saveContestSetup(activityId, input);
      setView(saved);
      showSuccess('已保存');
      void Taro.navigateBack();
    } catch (e) {
      // 422: the BFF's field details land at their fields; 409: a change that would alter submitted sheets.
      if (e instanceof ApiError && e.details.length) setErrors(errorsFromDetails(e.details));
      setNotice(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page" data-testid="contest-setup-page">
      <View className="panel">
        <Text className="panel__title">{view.title}</Text>
        <Text className="muted">{`组别：${view.groups.map((g) => g.name).join('、')}`}</Text>
      </View>
      {view.scoresSubmitted ? (
        <Text className="notice notice--warn" data-testid="setup-locked">
          已有评委提交评分：改变已评分含义的修改（评分项、满分、评分方式）将不能保存。
        </Text>
      ) : null}
      {draft.rounds.map((round, index) => (
        <RoundEditor
          key={round.id}
          round={round}
          index={index}
          last={index === draft.rounds.length - 1}
          weighted={draft.basis === 'weighted_total'}
          errors={errors}
          onChange={(patch) => setRound(index, patch)}
          onRemove={draft.rounds.length > 1 ? () => set({ rounds: draft.rounds.filter((_, i) => i !== index) }) : null}
        />
      ))}
      <Button
        className="btn"
        onClick={() => set({ rounds: [...draft.rounds, emptyRound(draft.rounds.map((r) => r.id))] })}
        data-testid="setup-round-add"
      >
        添加一轮
      </Button>
      <RankingEditor draft={draft} groups={view.groups} errors={errors} onChange={set} />
      {notice ? (
        <Text className="notice notice--error" data-testid="setup-notice">
          {notice}
        </Text>
      ) : null}
      <Button className="btn btn--primary" disabled={busy} onClick={() => void save()} data-testid="setup-save">
        保存设置
      </Button>
    </View>
  );
}
