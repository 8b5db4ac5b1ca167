import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { ResultsPreview } from '@union/shared';
import { useState } from 'react';
import { PageLoading } from '../../components/PageLoading';
import { fetchResultsPreview, publishResults } from '../../services/contests';
import { ApiError, errorMessage } from '../../services/http';
import { formatDateTime } from '../../utils/datetime';
import { confirm, showSuccess } from '../../utils/toast';
import '../contest-admin.css';

const score = (value: number | null) => (value === null ? '—' : String(Math.round(value * 100) / 100));

/**
 * The computed ranking per group with awards and every judge's score, then 发布成绩: sent with the
 * scores revision this preview shows, so a correction made meanwhile makes the BFF refuse.
 */
export default function ContestResultsAdminPage() {
  const { params } = useRouter();
  const activityId = params.id ?? '';
  const [preview, setPreview] = useState<ResultsPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [opened, setOpened] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    fetchResultsPreview(activityId).then(
      (fresh) => {
        setPreview(fresh);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  useDidShow(() => void load());
  if (!preview) return <PageLoading error={error} testId="preview-error" />;
  const roundName = (id: string) => preview.rounds.find((r) => r.id === id)?.name ?? id;

  async function publish() {
    if (!preview) return;
    if (!(await confirm('发布成绩', '发布后参赛者将收到消息并可查看排名和证书，成绩不能再更正。确定发布？'))) return;
    setBusy(true);
    setNotice('');
    try {
      const publication = await publishResults(activityId, preview.scoresRevision);
      showSuccess('已发布');
      setNotice(`已发布，已通知 ${publication.notified} 位参赛者`);
    } catch (e) {
      // 409: scores changed after this preview (a correction); the fresh preview is shown to check again.
      setNotice(
        e instanceof ApiError && e.status === 409
          ? `${errorMessage(e)}。已刷新预览，请核对后再发布。`
          : errorMessage(e),
      );
    } finally {
      setBusy(false);
      void load();
    }
  }

  return (
    <View className="page" data-testid="results-preview-page">
      {preview.publication ? (
        <Text className="notice notice--info" data-testid="preview-published">
          {`成绩已于 ${formatDateTime(preview.publication.publishedAt)} 公布（第${preview.publication.number}次发布），参赛者可查看排名与证书。`}
        </Text>
      ) : null}
      {preview.blockers.length > 0 ? (
        <View className="notice notice--warn" data-testid="preview-blockers">
          {preview.blockers.map((b) => (
            <Text key={b} className="contest-admin__lines">
              {b}
            </Text>
          ))}
        </View>
      ) : null}
      {notice ? (
        <Text className="notice notice--error" data-testid="preview-notice">
          {notice}
        </Text>
      ) : null}
      {preview.groups.map((group) => (
        <View key={group.groupId} className="panel" data-testid={`preview-group-${group.groupId}`}>
          <Text className="panel__title">{group.groupName}</Text>
          {group.rows.map((row) => (
            <View key={row.entrantId}>
              <View
                className="contest-admin__table-row"
                onClick={() => setOpened(opened === row.entrantId ? null : row.entrantId)}
                data-testid="preview-row"
              >
                <Text className="contest-admin__rank">{row.rank ?? '—'}</Text>
                <Text className="contest-admin__grow">{row.name}</Text>
                {row.award ? <Text className="tag tag--pending">{row.award}</Text> : null}
                <Text>{score(row.total)}</Text>
              </View>
              {opened === row.entrantId ? (
                <View className="contest-admin__sub" data-testid="preview-judges">
                  {row.judges.map((round) => (
                    <View key={round.roundId}>
                      <Text className="muted">{roundName(round.roundId)}</Text>
                      {round.scores.map((s) => (
                        <View key={s.judgeId} className="contest-admin__line">
                          <Text>{s.judgeName}</Text>
                          <Text>{`${score(s.total)}${s.corrected ? '（已更正）' : ''}`}</Text>
                        </View>
                      ))}
                    </View>
                  ))}
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ))}
      {!preview.publication ? (
        <Button
          className="btn btn--primary"
          disabled={busy || !preview.publishable}
          onClick={() => void publish()}
          data-testid="preview-publish"
        >
          发布成绩
        </Button>
      ) : null}
    </View>
  );
}
