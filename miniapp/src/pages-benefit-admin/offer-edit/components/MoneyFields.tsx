import { Text, View } from '@tarojs/components';
import {
  OFFER_KINDS,
  offerHeadline,
  offerKind,
  offerSplit,
  type CouponTerms,
  type MoneyFormFields,
} from '@union/shared';
import { Chip } from '../../../components/Chip';
import { TextField } from '../../../components/TextField';
import { COUPON_TYPE_LABELS } from '../../../strings/benefit-admin';
import { formatFen } from '../../../utils/money';
import { ChoiceField } from '../../components/ChoiceField';
import { moneyOf, typedMoney, type FormErrors, type OfferForm } from '../form';

interface MoneyFieldsProps {
  form: OfferForm;
  errors: FormErrors;
  onChange: (change: Partial<OfferForm>) => void;
}

const COUPON_TYPES: CouponTerms['type'][] = ['threshold', 'discount'];

/** Kind and money of a new offer: a coupon's 折扣 or 满减, or who pays what for a paid one. */
export function MoneyFields({ form, errors, onChange }: MoneyFieldsProps) {
  const fields = offerKind(form.kind).form;
  return (
    <View className="panel" data-testid="offer-money">
      <Text className="panel__title">类型与金额</Text>
      <ChoiceField label="类型" error={errors.kind} testId="offer-kind">
        {OFFER_KINDS.map((kind) => (
          <Chip key={kind} on={form.kind === kind} onClick={() => onChange({ kind })} testId={`offer-kind-${kind}`}>
            {offerKind(kind).label}
          </Chip>
        ))}
      </ChoiceField>

      {fields === 'coupon_terms' ? (
        <>
          <ChoiceField label="优惠方式" error={errors.coupon} testId="offer-coupon-type">
            {COUPON_TYPES.map((type) => (
              <Chip
                key={type}
                on={form.couponType === type}
                onClick={() => onChange({ couponType: type })}
                testId={`offer-coupon-${type}`}
              >
                {COUPON_TYPE_LABELS[type]}
              </Chip>
            ))}
          </ChoiceField>
          {form.couponType === 'discount' ? (
            <TextField
              label="折扣（折）"
              type="digit"
              value={form.discount}
              onChange={(discount) => onChange({ discount })}
              placeholder="如 8.8"
              error={errors.discount}
              maxlength={3}
              testId="offer-discount"
            />
          ) : (
            <>
              <TextField
                label="满（元）"
                type="digit"
                value={form.threshold}
                onChange={(threshold) => onChange({ threshold })}
                placeholder="如 100"
                error={errors.threshold}
                maxlength={10}
                testId="offer-threshold"
              />
              <TextField
                label="减（元）"
                type="digit"
                value={form.reduction}
                onChange={(reduction) => onChange({ reduction })}
                placeholder="如 20"
                error={errors.reduction}
                maxlength={10}
                testId="offer-reduction"
              />
            </>
          )}
        </>
      ) : (
        <AmountFields form={form} errors={errors} onChange={onChange} fields={fields} />
      )}
      <MoneySummary form={form} />
    </View>
  );
}

/** The amounts of a kind that carries money, labelled as the kind's row says. */
function AmountFields({ form, errors, onChange, fields }: MoneyFieldsProps & { fields: MoneyFormFields }) {
  return (
    <>
      <TextField
        label={fields.priceLabel}
        type="digit"
        value={form.price}
        onChange={(price) => onChange({ price })}
        placeholder={fields.pricePlaceholder}
        error={errors.price}
        maxlength={10}
        testId="offer-price"
      />
      <TextField
        label={fields.faceValueLabel}
        type="digit"
        value={form.faceValue}
        onChange={(faceValue) => onChange({ faceValue })}
        placeholder="到店可抵用的金额"
        error={errors.faceValue}
        maxlength={10}
        testId="offer-face-value"
      />
      <TextField
        label="工会补贴（元）"
        type="digit"
        value={form.subsidy}
        onChange={(subsidy) => onChange({ subsidy })}
        placeholder={fields.subsidyPlaceholder}
        error={errors.subsidy}
        maxlength={10}
        testId="offer-subsidy"
      />
    </>
  );
}

/** As the staff types: the headline members will read and, for paid kinds, who pays what per voucher. */
function MoneySummary({ form }: { form: OfferForm }) {
  const money = typedMoney(form);
  if (!money) return null;
  const headline = offerHeadline(moneyOf(form, {}));
  if (!offerKind(money.kind).carriesMoney) {
    return (
      <View className="money-split" data-testid="offer-money-split">
        <Text>{`会员看到：${headline}`}</Text>
      </View>
    );
  }
  const split = offerSplit(money);
  const consistent = split.merchantDiscountFen >= 0;
  return (
    <View className={`money-split ${consistent ? '' : 'money-split--bad'}`} data-testid="offer-money-split">
      <Text>{`会员看到：${headline}`}</Text>
      <View>
        <Text>{`每张：会员支付 ${formatFen(split.memberPaysFen)} + 工会补贴 ${formatFen(split.unionSubsidyFen)}`}</Text>
      </View>
      <View>
        <Text data-testid="offer-owed">{`工会核销后应付商户 ${formatFen(split.owedToMerchantFen)}`}</Text>
      </View>
      <View>
        <Text data-testid="offer-merchant-share">
          {consistent
            ? `商户让利 ${formatFen(split.merchantDiscountFen)}（面值 ${formatFen(split.faceValueFen)}）`
            : '会员支付加工会补贴超过了面值'}
        </Text>
      </View>
    </View>
  );
}
