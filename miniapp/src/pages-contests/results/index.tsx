import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { PublishedResults } from '@union/shared';
import { useState } from 'react';
import { MemberPage } from '../../components/MemberPage';
import { PageLoading } from '../../components/PageLoading';
import { ROUTES } from '../../routes';
import { fetchContestResults, saveContestConsent } from '../../services/contests';
import { errorMessage } from '../../services/http';
import { formatDateTime } from '../../utils/datetime';
import { showMessage } from '../../utils/toast';
import { rankText, scoreText } from '../format';
import '../contests.css';

/**
 * A skill contest's published ranking per group with awards. Names come masked from the BFF
 * unless the entrant agreed to the full name; my own row is marked, and I may change my consent.
 */
export default function ContestResultsPage() {
  const { params } = useRouter();
  const activityId = params.id ?? '';
  const [results, setResults] = useState<PublishedResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [savingConsent, setSavingConsent] = useState(false);

  const load = () =>
    fetchContestResults(activityId)
      .then((fresh) => {
        setResults(fresh);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  useDidShow(() => void load());

  if (!results) return <PageLoading error={error} testId="results-error" />;

  async function changeConsent(showFullName: boolean) {
    setSavingConsent(true);
    try {
      await saveContestConsent(activityId, showFullName);
      await load();
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      setSavingConsent(false);
    }
  }

  const myAward = results.groups.flatMap((g) => g.rows).find((row) => row.isMine)?.award ?? null;
  const unitOf = (roundId: string) => results.rounds.find((r) => r.id === roundId)?.unit ?? null;
  return (
    <MemberPage testId="contest-results-page">
      <View className="panel">
        <Text className="panel__title">{results.title}</Text>
        <Text className="muted">
          {results.published && results.publishedAt ? `成绩公布于 ${formatDateTime(results.publishedAt)}` : ''}
        </Text>
      </View>
      {!results.published ? (
        <Text className="notice notice--info" data-testid="results-unpublished">
          成绩尚未公布，公布后会通过消息通知参赛者
        </Text>
      ) : null}
      {results.myConsent ? (
        <View className="panel row" data-testid="results-consent">
          <Text>公布成绩时显示我的全名</Text>
          <Switch
            checked={results.myConsent.showFullName}
            disabled={savingConsent}
            color="#c8161d"
            onChange={(e) => void changeConsent(e.detail.value)}
            data-testid="results-consent-switch"
          />
        </View>
      ) : null}
      {myAward ? (
        <Button
          className="btn btn--primary"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.certificate}?id=${activityId}` })}
          data-testid="results-certificate"
        >
          {`查看我的${myAward}证书`}
        </Button>
      ) : null}
      {results.groups.map((group) => (
        <View key={group.groupId} className="panel" data-testid={`results-group-${group.groupId}`}>
          <Text className="panel__title">{group.groupName}</Text>
          {group.rows.map((row, index) => (
            <View
              key={`${row.rank ?? 'x'}-${index}`}
              className={`results-table__row ${row.isMine ? 'results-table__row--mine' : ''}`}
              data-testid={row.isMine ? 'results-row-mine' : 'results-row'}
            >
              <Text className="results-table__rank">{rankText(row.rank)}</Text>
              <Text className="results-table__name">{row.isMine ? `${row.displayName}（我）` : row.displayName}</Text>
              {row.award ? <Text className="award-tag">{row.award}</Text> : null}
              <Text className="results-table__total">
                {row.rank === null
                  ? row.rounds.some((r) => r.absent)
                    ? '缺考'
                    : '—'
                  : scoreText(row.total, row.rounds.length === 1 ? unitOf(row.rounds[0]!.roundId) : null)}
              </Text>
            </View>
          ))}
        </View>
      ))}
    </MemberPage>
  );
}
