import { ComingSoon } from '../../components/ComingSoon';

export default function BenefitsOrderPage() {
  return <ComingSoon title="订单支付" />;
}
