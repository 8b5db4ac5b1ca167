import { Text, View } from '@tarojs/components';
import type { QuizParticipation } from '@union/shared';
import { averageText, rateText } from '../../strings';

type Row = QuizParticipation['items'][number];

function Line({ row, className, testId }: { row: Row; className?: string; testId: string }) {
  return (
    <View className={`quiz-table__row ${className ?? ''}`} data-testid={testId}>
      <Text className="quiz-table__name">{row.orgName}</Text>
      <Text className="quiz-table__num" data-testid={`${testId}-participants`}>
        {row.participants}
      </Text>
      <Text className="quiz-table__num">{row.members}</Text>
      <Text className="quiz-table__num">{rateText(row.participationRate)}</Text>
      <Text className="quiz-table__num">{averageText(row.averageScore)}</Text>
    </View>
  );
}

/** 参与情况 for the report: per direct sub-org of the audience, then the whole. */
export function ParticipationTable({ participation }: { participation: QuizParticipation }) {
  return (
    <View className="panel quiz-table" data-testid="quiz-participation">
      <View className="quiz-table__row quiz-table__row--head">
        <Text className="quiz-table__name">组织</Text>
        <Text className="quiz-table__num">参与人数</Text>
        <Text className="quiz-table__num">会员数</Text>
        <Text className="quiz-table__num">参与率</Text>
        <Text className="quiz-table__num">平均分</Text>
      </View>
      {participation.items.map((row) => (
        <Line key={row.orgId} row={row} testId="quiz-participation-row" />
      ))}
      <Line row={participation.totals} className="quiz-table__row--total" testId="quiz-participation-total" />
    </View>
  );
}
