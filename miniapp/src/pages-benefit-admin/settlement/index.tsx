import { ComingSoon } from '../../components/ComingSoon';

export default function BenefitAdminSettlementPage() {
  return <ComingSoon title="月度结算" />;
}
