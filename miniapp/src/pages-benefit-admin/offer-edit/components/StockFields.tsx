import { Text, View } from '@tarojs/components';
import type { AdminOffer } from '@union/shared';
import { Chip } from '../../../components/Chip';
import { InfoRow } from '../../../components/InfoRow';
import { TextField } from '../../../components/TextField';
import type { FormErrors, OfferForm } from '../form';

interface StockFieldsProps {
  form: OfferForm;
  errors: FormErrors;
  onChange: (change: Partial<OfferForm>) => void;
  /** The published offer, whose stock only moves by an amount; absent when creating. */
  offer: AdminOffer | null;
}

/** Total stock of a new offer; for a published one, what is left and an increase or decrease. */
export function StockFields({ form, errors, onChange, offer }: StockFieldsProps) {
  if (!offer) {
    return (
      <View className="panel">
        <Text className="panel__title">库存</Text>
        <TextField
          label="发放总量（张）"
          type="number"
          value={form.stockTotal}
          onChange={(stockTotal) => onChange({ stockTotal })}
          error={errors.stockTotal}
          maxlength={7}
          testId="offer-stock-total"
        />
      </View>
    );
  }
  return (
    <View className="panel" data-testid="offer-stock">
      <Text className="panel__title">库存</Text>
      <InfoRow label="剩余 / 总量">{`${offer.stockRemaining} / ${offer.stockTotal}`}</InfoRow>
      <InfoRow label="已领 / 已核销">{`${offer.claimedCount} / ${offer.redeemedCount}`}</InfoRow>
      <View className="choice-row">
        <Chip
          on={form.stockDirection === 'increase'}
          onClick={() => onChange({ stockDirection: 'increase' })}
          testId="offer-stock-increase"
        >
          增加库存
        </Chip>
        <Chip
          on={form.stockDirection === 'decrease'}
          onClick={() => onChange({ stockDirection: 'decrease' })}
          testId="offer-stock-decrease"
        >
          减少库存
        </Chip>
      </View>
      <TextField
        label="张数"
        type="number"
        value={form.stockChange}
        onChange={(stockChange) => onChange({ stockChange })}
        placeholder="不调整则留空"
        error={errors.stockChange}
        maxlength={7}
        testId="offer-stock-change"
      />
    </View>
  );
}
