import { areaLabel } from '../../../../utils/station-text';
import { Text, View } from '@tarojs/components';
import { Chip } from '../../../../components/Chip';
import type { StationArea } from '../../../../services/stations';

interface AreaPickerProps {
  areas: StationArea[];
  /** orgId of the chosen district; 'city' for the city centre. */
  selected: string | null;
  hasCityCenter: boolean;
  onChooseArea: (area: StationArea) => void;
  onChooseCityCenter: () => void;
}

/** Districts to search around when the rider's position is not available. */
export function AreaPicker({ areas, selected, hasCityCenter, onChooseArea, onChooseCityCenter }: AreaPickerProps) {
  return (
    <View className="panel area-picker" data-testid="area-picker">
      <Text className="area-picker__title">选择区域</Text>
      <View className="area-picker__options">
        {hasCityCenter ? (
          <Chip on={selected === 'city'} onClick={onChooseCityCenter} testId="area-option-city">
            市中心
          </Chip>
        ) : null}
        {areas.map((area) => (
          <Chip
            key={area.orgId}
            on={selected === area.orgId}
            onClick={() => onChooseArea(area)}
            testId={`area-option-${area.orgId}`}
          >
            {`${areaLabel(area.name)}（${area.stationCount}）`}
          </Chip>
        ))}
      </View>
    </View>
  );
}
