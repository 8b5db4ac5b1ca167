import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { QuizParticipation, QuizRanking as Ranking } from '@union/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Chip } from '../../components/Chip';
import { QuizRanking } from '../../components/QuizRanking';
import { errorMessage } from '../../services/http';
import { fetchParticipation, fetchStaffRanking } from '../services';
import { ParticipationTable } from './components/ParticipationTable';
import '../quiz-admin.css';

type Tab = 'ranking' | 'participation';

/** 排名 (overall or by org, masked names) and 参与情况 per sub-org for the organiser's report. */
export default function QuizReportPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [tab, setTab] = useState<Tab>('ranking');
  const [scope, setScope] = useState<string | undefined>(undefined);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [participation, setParticipation] = useState<QuizParticipation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const loadRanking = useCallback(
    (orgId: string | undefined) => {
      const call = ++latest.current;
      fetchStaffRanking(id, orgId).then(
        (loaded) => call === latest.current && setRanking(loaded),
        (e: unknown) => call === latest.current && setError(errorMessage(e)),
      );
    },
    [id],
  );

  useEffect(() => loadRanking(undefined), [loadRanking]);

  const show = (next: Tab) => {
    setTab(next);
    setError(null);
    if (next === 'participation' && !participation)
      fetchParticipation(id).then(setParticipation, (e: unknown) => setError(errorMessage(e)));
  };

  return (
    <View className="page quiz-admin">
      <View className="quiz-admin__chips">
        <Chip on={tab === 'ranking'} onClick={() => show('ranking')} testId="quiz-report-ranking">
          排名
        </Chip>
        <Chip on={tab === 'participation'} onClick={() => show('participation')} testId="quiz-report-participation">
          参与情况
        </Chip>
      </View>
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {tab === 'ranking' && ranking ? (
        <QuizRanking
          ranking={ranking}
          selected={scope}
          onScope={(orgId) => {
            setScope(orgId);
            loadRanking(orgId);
          }}
        />
      ) : null}
      {tab === 'participation' && participation ? <ParticipationTable participation={participation} /> : null}
      {(tab === 'ranking' ? !ranking : !participation) && !error ? <Text className="muted">正在加载…</Text> : null}
    </View>
  );
}
