import { Text, View } from '@tarojs/components';
import type { QuizRanking as Ranking, QuizRankingRow } from '@union/shared';
import { useRef } from 'react';
import { durationText } from './duration';
import './index.css';

function Row({ row, mine, testId }: { row: QuizRankingRow; mine?: boolean; testId: string }) {
  return (
    <View className={`quiz-rank ${mine ? 'quiz-rank--mine' : ''}`} data-testid={testId}>
      <Text className="quiz-rank__no">{row.rank}</Text>
      <View className="quiz-rank__who">
        <Text>{mine ? `${row.name}（我）` : row.name}</Text>
        <Text className="muted">{row.orgName}</Text>
      </View>
      <View className="quiz-rank__score">
        <Text>{`${row.score}分`}</Text>
        <Text className="muted">{durationText(row.durationSeconds)}</Text>
      </View>
    </View>
  );
}

interface QuizRankingProps {
  ranking: Ranking;
  /** Switches the scope: undefined for everyone, or one org of `ranking.scopes`. */
  onScope: (orgId: string | undefined) => void;
  selected: string | undefined;
}

/**
 * A quiz's ranking (member and organiser pages): scope tabs, the top rows with masked names,
 * and the member's own row: highlighted in the list, or pinned at the bottom when it is further down.
 */
export function QuizRanking({ ranking, onScope, selected }: QuizRankingProps) {
  // 总排名 is the quiz's whole audience: that org is not offered again as a tab of its own.
  const overall = useRef<string | null>(null);
  if (selected === undefined) overall.current = ranking.scope.orgId;
  const scopes = ranking.scopes.filter((scope) => scope.orgId !== overall.current);
  const isMe = (row: QuizRankingRow) =>
    ranking.me !== null && row.rank === ranking.me.rank && row.name === ranking.me.name;
  const meListed = ranking.items.some(isMe);
  return (
    <View data-testid="quiz-ranking">
      <View className="quiz-rank-tabs">
        <Text
          className={`quiz-rank-tab ${selected === undefined ? 'quiz-rank-tab--on' : ''}`}
          onClick={() => onScope(undefined)}
          data-testid="quiz-rank-scope-all"
        >
          总排名
        </Text>
        {scopes.map((scope) => (
          <Text
            key={scope.orgId}
            className={`quiz-rank-tab ${selected === scope.orgId ? 'quiz-rank-tab--on' : ''}`}
            onClick={() => onScope(scope.orgId)}
            data-testid={`quiz-rank-scope-${scope.orgId}`}
          >
            {scope.orgName}
          </Text>
        ))}
      </View>
      <View className="panel">
        <Text
          className="muted"
          data-testid="quiz-rank-participants"
        >{`${ranking.scope.orgName} · 共${ranking.participants}人参赛`}</Text>
        {ranking.items.length === 0 ? <Text className="muted">还没有人交卷</Text> : null}
        {ranking.items.map((row, index) => (
          <Row key={`${row.rank}-${index}`} row={row} mine={isMe(row)} testId="quiz-rank-row" />
        ))}
      </View>
      {ranking.me && !meListed ? (
        <View className="quiz-rank-pinned">
          <Row row={ranking.me} mine testId="quiz-rank-me" />
        </View>
      ) : null}
    </View>
  );
}
