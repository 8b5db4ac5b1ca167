import { ComingSoon } from '../../components/ComingSoon';

export default function BenefitAdminOfferEditPage() {
  return <ComingSoon title="发布优惠" />;
}
