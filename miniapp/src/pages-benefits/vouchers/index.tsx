import { ComingSoon } from '../../components/ComingSoon';

export default function BenefitsVouchersPage() {
  return <ComingSoon title="我的券" />;
}
