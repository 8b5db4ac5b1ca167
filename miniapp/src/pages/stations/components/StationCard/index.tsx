import { Button, Text, View } from '@tarojs/components';
import type { ITouchEvent } from '@tarojs/components';
import type { StationSummary } from '@union/shared';
import { AmenityTags } from '../../../../components/AmenityTags';
import { OpenState } from '../../../../components/OpenState';
import { callStation, navigateToStation } from '../../../../utils/station-actions';
import { distanceText, travelText } from '../../../../utils/station-text';

interface StationCardProps {
  station: StationSummary;
  /** Where the distance is measured from when it is not the rider: `市中心`, a district. */
  distanceFrom: string | null;
  onOpen: (station: StationSummary) => void;
}

/** One station in the list: how far, open or not, what it has, and the two one-tap actions. */
export function StationCard({ station, distanceFrom, onOpen }: StationCardProps) {
  const travel = distanceFrom ? null : travelText(station);

  // The buttons sit inside the tappable card; their taps must not also open the station.
  const act = (action: () => void) => (e: ITouchEvent) => {
    e.stopPropagation();
    action();
  };

  return (
    <View
      className="panel station-card"
      onClick={() => onOpen(station)}
      data-testid="station-item"
      data-station-id={station.id}
    >
      <View className="station-card__head">
        <Text className="station-card__name" data-testid="station-name">
          {station.name}
        </Text>
        {station.distanceMeters !== null ? (
          <Text className="station-card__distance" data-testid="station-distance">
            {`${distanceFrom ? `距${distanceFrom} ` : ''}${distanceText(station.distanceMeters)}`}
          </Text>
        ) : null}
      </View>
      <OpenState station={station} testId="station-open-state" />
      {travel ? (
        <Text className="muted station-card__line" data-testid="station-travel">
          {travel}
        </Text>
      ) : null}
      <Text className="muted station-card__line">{station.address}</Text>
      <AmenityTags amenities={station.amenities} testId="station-amenities" />
      <View className="station-card__actions">
        <Button
          className="btn btn--small btn--primary"
          onClick={act(() => navigateToStation(station))}
          data-testid="station-navigate"
        >
          导航
        </Button>
        {station.phone ? (
          <Button className="btn btn--small" onClick={act(() => callStation(station.phone))} data-testid="station-call">
            电话
          </Button>
        ) : null}
      </View>
    </View>
  );
}
