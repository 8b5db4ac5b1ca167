import { ComingSoon } from '../../components/ComingSoon';

export default function BenefitAdminMerchantEditPage() {
  return <ComingSoon title="商家信息" />;
}
