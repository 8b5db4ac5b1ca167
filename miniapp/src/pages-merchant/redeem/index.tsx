import { ComingSoon } from '../../components/ComingSoon';

export default function MerchantRedeemPage() {
  return <ComingSoon title="扫码核销" />;
}
