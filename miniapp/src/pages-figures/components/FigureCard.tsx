import { Text, View } from '@tarojs/components';
import { formatFigure, type Figure } from '@union/shared';
import { FigureChange } from './FigureChange';

/** One figure: its value, 同比 (or 当前 for a state with no history) and how it is counted. */
export function FigureCard({ figure, onOpen }: { figure: Figure; onOpen: () => void }) {
  return (
    <View className="figure-card" onClick={onOpen} data-testid={`figure-card-${figure.key}`}>
      <View className="figure-card__head">
        <Text className="figure-card__label">{figure.label}</Text>
        {figure.current ? <Text className="tag figure-card__current">当前</Text> : null}
      </View>
      <Text
        className={`figure-card__value ${figure.value === null ? 'figure-card__value--none' : ''}`}
        data-testid={`figure-value-${figure.key}`}
      >
        {formatFigure(figure.value, figure.format)}
      </Text>
      {figure.current ? null : (
        <FigureChange value={figure.value} lastYear={figure.lastYear} testId={`figure-change-${figure.key}`} />
      )}
      {figure.note ? <Text className="figure-card__note">{figure.note}</Text> : null}
    </View>
  );
}
