import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROUTES } from '../../routes';
import { showSuccess } from '../../utils/toast';
import { UnboundNotice } from '../components/UnboundNotice';
import { WorkbenchHeader } from '../components/WorkbenchHeader';
import { useWorkbench } from '../use-workbench';
import { LookupForm } from './components/LookupForm';
import { PreviewCard } from './components/PreviewCard';
import { RedeemRefused, RedeemSuccess } from './components/RedeemOutcome';
import { useRedemption } from './use-redemption';
import '../merchant.css';

/** The clerk's workbench: scan (or type) a member's voucher, check it, confirm, and it is used exactly once. */
export default function MerchantRedeemPage() {
  const { workbench, unbound, error: workbenchError, reload } = useWorkbench();
  const { stage, error, setError, busy, lookUp, confirm, reset } = useRedemption(() => {
    showSuccess('核销成功');
    void reload();
  });

  if (unbound) {
    return (
      <View className="page">
        <UnboundNotice />
      </View>
    );
  }

  return (
    <View className="page">
      {workbench ? (
        <WorkbenchHeader
          workbench={workbench}
          onOpenToday={() => void Taro.navigateTo({ url: ROUTES.merchantToday })}
        />
      ) : null}
      {workbenchError ? <Text className="notice notice--error">{workbenchError}</Text> : null}
      {error ? (
        <Text className="notice notice--error" data-testid="redeem-error">
          {error}
        </Text>
      ) : null}
      {stage.kind === 'idle' ? (
        <LookupForm busy={busy} onLookup={(lookup) => void lookUp(lookup)} onInvalid={setError} />
      ) : null}
      {stage.kind === 'preview' ? (
        <PreviewCard preview={stage.preview} busy={busy} onConfirm={() => void confirm()} onCancel={reset} />
      ) : null}
      {stage.kind === 'redeemed' ? <RedeemSuccess redemption={stage.redemption} onNext={reset} /> : null}
      {stage.kind === 'refused' ? <RedeemRefused message={stage.message} onNext={reset} /> : null}
    </View>
  );
}
