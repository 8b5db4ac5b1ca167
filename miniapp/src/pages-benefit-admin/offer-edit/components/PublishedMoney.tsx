import { Text, View } from '@tarojs/components';
import { offerKind, offerSplit, type AdminOffer } from '@union/shared';
import { InfoRow } from '../../../components/InfoRow';
import { formatFen } from '../../../utils/money';

/** A published offer's kind and money: fixed, because members may already hold its vouchers. */
export function PublishedMoney({ offer }: { offer: AdminOffer }) {
  const kind = offerKind(offer.kind);
  const split = offerSplit(offer);
  return (
    <View className="panel" data-testid="offer-published-money">
      <Text className="panel__title">类型与金额</Text>
      <InfoRow label="类型">{kind.label}</InfoRow>
      <InfoRow label="内容">{offer.headline}</InfoRow>
      {kind.carriesMoney ? (
        <>
          <InfoRow label="面值">{formatFen(split.faceValueFen)}</InfoRow>
          <InfoRow label="会员支付">{formatFen(split.memberPaysFen)}</InfoRow>
          <InfoRow label="工会补贴">{formatFen(split.unionSubsidyFen)}</InfoRow>
          <InfoRow label="商户让利">{formatFen(split.merchantDiscountFen)}</InfoRow>
        </>
      ) : null}
      <Text className="muted">发布后类型与金额不可修改；如需调整，请结束本优惠后重新发布。</Text>
    </View>
  );
}
