import { Text, View } from '@tarojs/components';
import type { ScoreSheet } from '@union/shared';
import { formatDateTime } from '../../../utils/datetime';
import { scoreText } from '../../format';

/** Other judges' totals (only once all have submitted) and this sheet's recorded corrections. */
export function SheetHistory({ sheet }: { sheet: ScoreSheet }) {
  const unit = sheet.round.scoring.kind === 'measure' ? sheet.round.scoring.unit : null;
  return (
    <>
      {sheet.others ? (
        <View className="panel" data-testid="sheet-others">
          <Text className="panel__title">其他评委评分</Text>
          {sheet.others.map((other) => (
            <View key={other.judgeId} className="contest-row" data-testid="sheet-other">
              <Text>{other.judgeName}</Text>
              <Text>{`${scoreText(other.total, unit)}${other.corrected ? '（已更正）' : ''}`}</Text>
            </View>
          ))}
        </View>
      ) : sheet.status === 'submitted' ? (
        <Text className="notice notice--info" data-testid="sheet-others-hidden">
          其他评委全部提交后，可在此查看他们的评分
        </Text>
      ) : null}
      {sheet.corrections.length > 0 ? (
        <View className="panel" data-testid="sheet-corrections">
          <Text className="panel__title">更正记录</Text>
          {sheet.corrections.map((c) => (
            <View key={c.at} className="contest-row">
              <Text>{`${formatDateTime(c.at)} ${scoreText(c.before.total, unit)} → ${scoreText(c.after.total, unit)}`}</Text>
              <Text className="muted">{c.reason}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </>
  );
}
