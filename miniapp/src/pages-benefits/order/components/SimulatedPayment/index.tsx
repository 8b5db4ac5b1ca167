import { Button, Text, View } from '@tarojs/components';
import { SIMULATED_PAYMENT_NOTE, SIMULATED_PAYMENT_TITLE } from '../../../../strings/benefits';
import { formatFen } from '../../../../utils/money';

interface SimulatedPaymentProps {
  amountFen: number;
  busy: boolean;
  onPay: () => void;
}

/** Demo environment only (the BFF says `simulated`): a payment nobody could mistake for a real one. */
export function SimulatedPayment({ amountFen, busy, onPay }: SimulatedPaymentProps) {
  return (
    <View className="panel benefit-simulated" data-testid="simulated-payment">
      <Text className="benefit-simulated__title">{SIMULATED_PAYMENT_TITLE}</Text>
      <Text className="benefit-text">{SIMULATED_PAYMENT_NOTE}</Text>
      <Text className="benefit-amount">{formatFen(amountFen)}</Text>
      <Button className="btn btn--primary" loading={busy} onClick={onPay} data-testid="simulate-pay">
        模拟支付成功
      </Button>
    </View>
  );
}
