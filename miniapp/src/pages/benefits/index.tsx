import { ComingSoon } from '../../components/ComingSoon';
import { PrivacyPopup } from '../../components/PrivacyPopup';

export default function BenefitsPage() {
  return (
    <>
      <ComingSoon title="普惠服务" />
      <PrivacyPopup />
    </>
  );
}
