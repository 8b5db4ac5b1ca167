import { ComingSoon } from '../../components/ComingSoon';

export default function BenefitAdminOffersPage() {
  return <ComingSoon title="优惠管理" />;
}
