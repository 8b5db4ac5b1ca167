import { ScrollView, View } from '@tarojs/components';
import { MERCHANT_CATEGORIES, MERCHANT_CATEGORY_LABELS, type MerchantCategory } from '@union/shared';
import { Chip } from '../../../../components/Chip';

interface CategoryChipsProps {
  selected: MerchantCategory | null;
  onChange: (category: MerchantCategory | null) => void;
}

/** 全部 and the merchant categories, one choice at a time, scrolling sideways. */
export function CategoryChips({ selected, onChange }: CategoryChipsProps) {
  return (
    <ScrollView scrollX className="category-chips" data-testid="category-chips">
      <View className="category-chips__row">
        <Chip on={selected === null} onClick={() => onChange(null)} testId="category-chip-all">
          全部
        </Chip>
        {MERCHANT_CATEGORIES.map((category) => (
          <Chip
            key={category}
            on={selected === category}
            onClick={() => onChange(category)}
            testId={`category-chip-${category}`}
          >
            {MERCHANT_CATEGORY_LABELS[category]}
          </Chip>
        ))}
      </View>
    </ScrollView>
  );
}
