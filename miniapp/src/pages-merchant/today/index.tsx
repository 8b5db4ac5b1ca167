import { ComingSoon } from '../../components/ComingSoon';

export default function MerchantTodayPage() {
  return <ComingSoon title="今日核销" />;
}
