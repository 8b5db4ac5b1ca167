import { ComingSoon } from '../../components/ComingSoon';
import { PrivacyPopup } from '../../components/PrivacyPopup';

export default function StationsPage() {
  return (
    <>
      <ComingSoon title="工会驿站" />
      {/* The station finder will ask for location; the consent popup is already in place. */}
      <PrivacyPopup />
    </>
  );
}
