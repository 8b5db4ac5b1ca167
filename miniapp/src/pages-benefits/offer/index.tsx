import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { OFFER_KIND_LABELS, offerNeedsPayment, type LatLng, type OfferDetail } from '@union/shared';
import { useCallback, useState } from 'react';
import { InfoRow } from '../../components/InfoRow';
import { PageLoading } from '../../components/PageLoading';
import { PhotoSwiper } from '../../components/PhotoSwiper';
import { fetchOffer } from '../../services/benefits';
import { errorMessage } from '../../services/http';
import { loadSession } from '../../services/session-store';
import { actionText, limitText, offerPriceText, stockText } from '../../strings/benefits';
import { formatDate } from '../../utils/datetime';
import { EligibilityNotice } from './components/EligibilityNotice';
import { MerchantPanel } from './components/MerchantPanel';
import { useOfferActions } from './use-offer-actions';
import '../benefits.css';

function positionFrom(params: Record<string, string | undefined>): LatLng | null {
  const lat = Number(params.lat);
  const lng = Number(params.lng);
  return params.lat && params.lng && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
}

/** One offer: the merchant and how to get there, the terms, and 领取 or 立即购买. */
export default function OfferPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [offer, setOffer] = useState<OfferDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!id) return setError('缺少优惠编号，请从列表重新进入');
    // The list passes the member's position so the distance is shown here too.
    fetchOffer(id, positionFrom(params))
      .then((loaded) => {
        setOffer(loaded);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the route's params do not change
  }, [id]);

  // On every show: coming back from a claimed voucher changes what the member holds.
  useDidShow(load);
  const actions = useOfferActions(offer, load);

  if (!offer) return <PageLoading error={error} testId="offer-error" />;

  const needsPayment = offerNeedsPayment(offer);
  const price = offerPriceText(offer);
  const cannotPay = needsPayment && !offer.paymentsEnabled;
  const { eligibility } = offer;
  return (
    <View className="page" data-testid="offer-page">
      <PhotoSwiper photos={offer.merchant.photos} testIdPrefix="merchant" />
      <View className="panel">
        <View className="row">
          <Text className="benefit-head__headline" data-testid="offer-headline">
            {offer.headline}
          </Text>
          <Text className="tag">{OFFER_KIND_LABELS[offer.kind]}</Text>
        </View>
        <Text className="benefit-head__title">{offer.title}</Text>
        {price ? (
          <Text className="benefit-head__price" data-testid="offer-price">
            {price}
          </Text>
        ) : null}
        <InfoRow label="有效期">{`${formatDate(offer.validFrom)} 至 ${formatDate(offer.validUntil)}`}</InfoRow>
        <InfoRow label="库存">
          <Text data-testid="offer-stock">{`${stockText(offer)} / 共 ${offer.stockTotal} 张`}</Text>
        </InfoRow>
        <InfoRow label="限领">
          <Text data-testid="offer-limit">{`${limitText(offer)}，您已领 ${eligibility.claimedInPeriod} 张`}</Text>
        </InfoRow>
        {offer.description ? <Text className="benefit-text">{offer.description}</Text> : null}
      </View>

      <MerchantPanel merchant={offer.merchant} distanceMeters={offer.distanceMeters} />

      {offer.usageNotes ? (
        <View className="panel">
          <Text className="panel__title">使用须知</Text>
          <Text className="benefit-text">{offer.usageNotes}</Text>
        </View>
      ) : null}

      {!eligibility.canClaim ? (
        <EligibilityNotice reasons={eligibility.reasons} me={loadSession()?.me ?? null} />
      ) : null}
      {eligibility.canClaim && cannotPay ? (
        <Text className="notice notice--warn" data-testid="offer-payments-disabled">
          在线支付暂未开通，暂不能购买
        </Text>
      ) : null}
      {actions.problem ? (
        <Text className="notice notice--error" data-testid="offer-action-error">
          {actions.problem}
        </Text>
      ) : null}
      <Button
        className="btn btn--primary"
        disabled={!eligibility.canClaim || cannotPay}
        loading={actions.busy}
        onClick={() => void (needsPayment ? actions.buy() : actions.claim())}
        data-testid="offer-action"
      >
        {actionText(offer)}
      </Button>
    </View>
  );
}
