import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { RoundProgress } from '@union/shared';
import { useRef, useState } from 'react';
import { PageLoading } from '../../components/PageLoading';
import { closeRound, fetchRoundProgress, markAbsent } from '../../services/contests';
import { ApiError, errorMessage } from '../../services/http';
import { newRequestId } from '../../utils/request-id';
import { confirm, showSuccess } from '../../utils/toast';
import { ROUND_STATUS_TEXT } from '../strings';
import '../contest-admin.css';

/** One round's scoring progress: sheets in per judge and per entrant, 缺考, and closing the round. */
export default function RoundProgressPage() {
  const { params } = useRouter();
  const activityId = params.id ?? '';
  const roundId = params.roundId ?? '';
  const [progress, setProgress] = useState<RoundProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; missing: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const closeRequest = useRef<string | null>(null);

  const load = () =>
    fetchRoundProgress(activityId, roundId).then(
      (fresh) => {
        setProgress(fresh);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  if (!progress) return <PageLoading error={error} testId="progress-error" />;
  const open = progress.status === 'open';

  async function toggleAbsent(entrantId: string, absent: boolean) {
    try {
      setProgress(await markAbsent(activityId, roundId, entrantId, absent));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function close() {
    if (!(await confirm('结束本轮', '结束后本轮成绩与晋级名单将锁定，并开放下一轮评分。'))) return;
    setBusy(true);
    setRefusal(null);
    closeRequest.current ??= newRequestId('close');
    try {
      setProgress(await closeRound(activityId, roundId, closeRequest.current));
      closeRequest.current = null;
      showSuccess('本轮已结束');
    } catch (e) {
      if (!(e instanceof ApiError && e.isNetworkError)) closeRequest.current = null;
      // Refused while sheets are missing: the BFF lists them; the page shows them against the entrants too.
      const missing = e instanceof ApiError ? e.details.map((d) => d.message) : [];
      setRefusal({ message: errorMessage(e), missing });
      void load();
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page" data-testid="round-progress-page">
      <View className="panel">
        <View className="row">
          <Text className="panel__title">{progress.roundName}</Text>
          <Text className="tag">{ROUND_STATUS_TEXT[progress.status]}</Text>
        </View>
        <Text data-testid="progress-count">{`已交 ${progress.submitted}/${progress.expected} 份评分表`}</Text>
        {progress.judges.map((judge) => (
          <View key={judge.judgeId} className="contest-admin__line" data-testid="progress-judge">
            <Text>{judge.displayName}</Text>
            <Text className={judge.submitted < judge.expected ? 'tag tag--pending' : 'tag tag--approved'}>
              {`${judge.submitted}/${judge.expected}`}
            </Text>
          </View>
        ))}
      </View>
      {refusal ? (
        <View className="notice notice--error" data-testid="progress-refusal">
          <Text>{refusal.message}</Text>
          {refusal.missing.map((line) => (
            <Text key={line} className="contest-admin__lines">
              {line}
            </Text>
          ))}
        </View>
      ) : null}
      <View className="panel">
        <Text className="panel__title">参赛者</Text>
        {progress.entrants.map((entrant) => (
          <View key={entrant.entrantId} className="contest-admin__line" data-testid="progress-entrant">
            <View className="contest-admin__lines">
              <Text>{`${entrant.name} · ${entrant.groupName}`}</Text>
              {entrant.absent ? (
                <Text className="muted">缺考</Text>
              ) : (
                <Text className="muted" data-testid="progress-entrant-count">
                  {`${entrant.submitted}/${entrant.expected}${entrant.missingJudges.length ? `，未交：${entrant.missingJudges.join('、')}` : ''}`}
                </Text>
              )}
            </View>
            {open ? (
              <Button
                className="btn btn--small"
                onClick={() => void toggleAbsent(entrant.entrantId, !entrant.absent)}
                data-testid="progress-absent"
              >
                {entrant.absent ? '取消缺考' : '缺考'}
              </Button>
            ) : null}
          </View>
        ))}
      </View>
      {open ? (
        <Button className="btn btn--primary" disabled={busy} onClick={() => void close()} data-testid="progress-close">
          结束本轮
        </Button>
      ) : null}
    </View>
  );
}
