import { Text } from '@tarojs/components';
import type { StationSummary } from '@union/shared';
import { openStateText } from '../../utils/station-text';
import '../station-ui.css';

/** 营业中 · 还有25分钟打烊, coloured by state: green open, orange closing soon, grey closed. */
export function OpenState({
  station,
  testId,
}: {
  station: Pick<StationSummary, 'status' | 'opening'>;
  testId?: string;
}) {
  const state = openStateText(station);
  return (
    <Text className={`open-state open-state--${state.tone}`} data-testid={testId} data-tone={state.tone}>
      {state.text}
    </Text>
  );
}
