import { ComingSoon } from '../../components/ComingSoon';

export default function BenefitsOfferPage() {
  return <ComingSoon title="优惠详情" />;
}
