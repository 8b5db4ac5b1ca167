import { ComingSoon } from '../../components/ComingSoon';

export default function BenefitsVoucherPage() {
  return <ComingSoon title="出示券码" />;
}
