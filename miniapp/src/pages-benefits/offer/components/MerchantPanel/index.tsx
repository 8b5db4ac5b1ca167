import { Button, Image, Text, View } from '@tarojs/components';
import { MERCHANT_CATEGORY_LABELS, type MerchantDetail } from '@union/shared';
import { InfoRow } from '../../../../components/InfoRow';
import { photoSrc } from '../../../../services/stations';
import { callStation, navigateToStation } from '../../../../utils/station-actions';
import { distanceText } from '../../../../utils/station-text';

interface MerchantPanelProps {
  merchant: MerchantDetail;
  distanceMeters: number | null;
}

/** Whose offer it is, where, and the two one-tap actions every place in the app offers: 导航 and 电话. */
export function MerchantPanel({ merchant, distanceMeters }: MerchantPanelProps) {
  return (
    <View className="panel" data-testid="offer-merchant-panel">
      <View className="benefit-merchant">
        {merchant.logoUrl ? (
          <Image className="benefit-merchant__logo" src={photoSrc(merchant.logoUrl)} mode="aspectFill" />
        ) : null}
        <View>
          <Text className="benefit-merchant__name" data-testid="offer-merchant-name">
            {merchant.name}
          </Text>
          <Text className="muted">{MERCHANT_CATEGORY_LABELS[merchant.category]}</Text>
        </View>
      </View>
      <Text className="benefit-text">{merchant.address}</Text>
      {distanceMeters !== null ? (
        <Text className="muted" data-testid="offer-distance">{`距您 ${distanceText(distanceMeters)}`}</Text>
      ) : null}
      {merchant.phone ? <InfoRow label="联系电话">{merchant.phone}</InfoRow> : null}
      <InfoRow label="签约工会">{merchant.orgName}</InfoRow>
      {merchant.description ? <Text className="benefit-text">{merchant.description}</Text> : null}
      <View className="benefit-actions">
        <Button className="btn" onClick={() => navigateToStation(merchant)} data-testid="offer-navigate">
          导航
        </Button>
        {merchant.phone ? (
          <Button className="btn" onClick={() => callStation(merchant.phone)} data-testid="offer-call">
            电话
          </Button>
        ) : null}
      </View>
    </View>
  );
}
