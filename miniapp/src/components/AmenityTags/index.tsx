import { Text, View } from '@tarojs/components';
import { amenityLabel, type AmenityCode } from '@union/shared';
import { AmenityIcon } from '../AmenityIcon';
import '../station-ui.css';

/** A station's amenities as icon + label tags, in the list and on its page. */
export function AmenityTags({ amenities, testId }: { amenities: readonly AmenityCode[]; testId?: string }) {
  if (amenities.length === 0) return null;
  return (
    <View className="amenity-tags" data-testid={testId}>
      {amenities.map((code) => (
        <View key={code} className="amenity-tag" data-amenity={code}>
          <AmenityIcon code={code} />
          <Text>{amenityLabel(code)}</Text>
        </View>
      ))}
    </View>
  );
}
