import { ComingSoon } from '../../components/ComingSoon';

export default function MerchantBindPage() {
  return <ComingSoon title="绑定商户" />;
}
