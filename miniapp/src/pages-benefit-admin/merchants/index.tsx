import { ComingSoon } from '../../components/ComingSoon';

export default function BenefitAdminMerchantsPage() {
  return <ComingSoon title="普惠商家" />;
}
