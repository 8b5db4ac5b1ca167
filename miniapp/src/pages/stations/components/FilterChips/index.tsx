import { ScrollView, Text, View } from '@tarojs/components';
import { amenityLabel, type AmenityCode } from '@union/shared';
import { AmenityIcon } from '../../../../components/AmenityIcon';
import { Chip } from '../../../../components/Chip';
import type { StationFilters } from '../../../../services/stations';
import { RIDER_FILTER_AMENITIES } from '../../../../strings/stations';

interface FilterChipsProps {
  filters: StationFilters;
  onChange: (filters: StationFilters) => void;
}

/** 营业中 and the amenities riders look for; a station must have every chosen one. */
export function FilterChips({ filters, onChange }: FilterChipsProps) {
  function toggle(code: AmenityCode) {
    const chosen = filters.amenities.includes(code);
    onChange({
      ...filters,
      amenities: chosen ? filters.amenities.filter((c) => c !== code) : [...filters.amenities, code],
    });
  }

  return (
    <ScrollView scrollX className="filter-chips" data-testid="filter-chips">
      <View className="filter-chips__row">
        <Chip
          on={filters.openNow}
          onClick={() => onChange({ ...filters, openNow: !filters.openNow })}
          testId="open-now-chip"
        >
          营业中
        </Chip>
        {RIDER_FILTER_AMENITIES.map((code) => (
          <Chip
            key={code}
            on={filters.amenities.includes(code)}
            onClick={() => toggle(code)}
            testId={`amenity-chip-${code}`}
          >
            <AmenityIcon code={code} tone={filters.amenities.includes(code) ? 'active' : 'normal'} />
            <Text>{amenityLabel(code)}</Text>
          </Chip>
        ))}
      </View>
    </ScrollView>
  );
}
