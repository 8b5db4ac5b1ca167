import { Image, Text, View } from '@tarojs/components';
import { OFFER_KIND_LABELS, type OfferSummary } from '@union/shared';
import { photoSrc } from '../../../../services/stations';
import { offerPriceText, stockText } from '../../../../strings/benefits';
import { distanceText } from '../../../../utils/station-text';

interface OfferCardProps {
  offer: OfferSummary;
  onOpen: (offer: OfferSummary) => void;
}

/** One offer in the list: whose, what it gives, what it costs, how far, and how many are left. */
export function OfferCard({ offer, onOpen }: OfferCardProps) {
  const price = offerPriceText(offer);
  const soldOut = offer.stockRemaining < 1;
  return (
    <View
      className={`panel offer-card ${soldOut ? 'offer-card--sold-out' : ''}`}
      onClick={() => onOpen(offer)}
      data-testid="offer-item"
      data-offer-id={offer.id}
    >
      <View className="offer-card__merchant">
        {offer.merchant.logoUrl ? (
          <Image className="offer-card__logo" src={photoSrc(offer.merchant.logoUrl)} mode="aspectFill" lazyLoad />
        ) : (
          <Text className="offer-card__logo offer-card__logo--text">{offer.merchant.name.slice(0, 1)}</Text>
        )}
        <Text className="offer-card__merchant-name" data-testid="offer-merchant">
          {offer.merchant.name}
        </Text>
        {offer.distanceMeters !== null ? (
          <Text className="offer-card__distance" data-testid="offer-distance">
            {distanceText(offer.distanceMeters)}
          </Text>
        ) : null}
      </View>
      <View className="offer-card__body">
        <Text className="offer-card__headline" data-testid="offer-headline">
          {offer.headline}
        </Text>
        <Text className="tag offer-card__kind" data-testid="offer-kind">
          {OFFER_KIND_LABELS[offer.kind]}
        </Text>
      </View>
      <Text className="offer-card__title">{offer.title}</Text>
      <View className="offer-card__foot">
        {price ? (
          <Text className="offer-card__price" data-testid="offer-price">
            {price}
          </Text>
        ) : (
          <Text />
        )}
        <Text className={soldOut ? 'muted' : 'offer-card__stock'} data-testid="offer-stock">
          {offer.status === 'paused' ? '暂停领取' : stockText(offer)}
        </Text>
      </View>
    </View>
  );
}
