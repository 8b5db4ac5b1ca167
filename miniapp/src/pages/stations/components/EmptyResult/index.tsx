import { Button, Text, View } from '@tarojs/components';
import { MAX_SEARCH_RADIUS_METERS } from '@union/shared';

interface EmptyResultProps {
  radiusMeters: number;
  filtered: boolean;
  onWiden: () => void;
  onClearFilters: () => void;
}

/** Nothing found: say within what distance, and offer the two ways to find more. */
export function EmptyResult({ radiusMeters, filtered, onWiden, onClearFilters }: EmptyResultProps) {
  const canWiden = radiusMeters < MAX_SEARCH_RADIUS_METERS;
  const wider = Math.min(radiusMeters * 2, MAX_SEARCH_RADIUS_METERS);
  return (
    <View className="panel stations-empty" data-testid="stations-empty">
      <Text className="stations-empty__text">
        {`${radiusMeters / 1000}公里内没有${filtered ? '符合筛选条件的' : ''}驿站`}
      </Text>
      {canWiden ? (
        <Button className="btn" onClick={onWiden} data-testid="widen-radius">
          {`扩大到${wider / 1000}公里`}
        </Button>
      ) : null}
      {filtered ? (
        <Button className="btn" onClick={onClearFilters} data-testid="clear-filters">
          清除筛选条件
        </Button>
      ) : null}
      {!canWiden && !filtered ? <Text className="muted">可切换区域查看其他地方的驿站</Text> : null}
    </View>
  );
}
