import { Text, View } from '@tarojs/components';
import { amenityLabel, type AmenityCode } from '@union/shared';
import { amenityIcon } from '../../strings/stations';
import '../station-ui.css';

/** A station's amenities as icon + label tags, in the list and on its page. */
export function AmenityTags({ amenities, testId }: { amenities: readonly AmenityCode[]; testId?: string }) {
  if (amenities.length === 0) return null;
  return (
    <View className="amenity-tags" data-testid={testId}>
      {amenities.map((code) => (
        <Text key={code} className="amenity-tag" data-amenity={code}>
          {`${amenityIcon(code)} ${amenityLabel(code)}`}
        </Text>
      ))}
    </View>
  );
}
