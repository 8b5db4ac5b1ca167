import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { OFFER_KIND_LABELS, type AdminOffer } from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { fetchAdminOffers } from '../../services/benefit-admin';
import { chinaDateText, OFFER_STATUS_LABELS, OFFER_STATUS_TAGS } from '../../strings/benefit-admin';
import { textParam } from '../../utils/params';
import '../admin.css';

type StatusFilter = 'all' | AdminOffer['status'];
const STATUS_FILTERS: StatusFilter[] = ['all', 'active', 'paused', 'draft', 'ended'];

/** 优惠管理: offers in scope (or one merchant's), by status, with what is left, claimed and redeemed. */
export default function BenefitAdminOffersPage() {
  const { params } = useRouter();
  const [merchant, setMerchant] = useState(() =>
    params.merchantId ? { id: params.merchantId, name: textParam(params.merchantName) } : null,
  );
  const [status, setStatus] = useState<StatusFilter>('all');
  const { items, nextCursor, loaded, error, busy, load, loadMore } = usePagedList(
    (filter: { merchantId?: string; status: StatusFilter }, cursor?: string) =>
      fetchAdminOffers({
        merchantId: filter.merchantId,
        status: filter.status === 'all' ? undefined : filter.status,
        cursor,
      }),
  );

  // Reloaded on every show: the editor changes stock and status.
  useDidShow(() => void load({ merchantId: merchant?.id, status }));

  function chooseStatus(next: StatusFilter) {
    setStatus(next);
    void load({ merchantId: merchant?.id, status: next });
  }

  function showAllMerchants() {
    setMerchant(null);
    void load({ status });
  }

  const createUrl = merchant
    ? `${ROUTES.adminOfferEdit}?merchantId=${merchant.id}&merchantName=${encodeURIComponent(merchant.name)}`
    : ROUTES.adminOfferEdit;

  return (
    <View className="page">
      <View className="admin-tools">
        <Button
          className="btn btn--small btn--primary"
          onClick={() => void Taro.navigateTo({ url: createUrl })}
          data-testid="admin-offer-create"
        >
          发布优惠
        </Button>
      </View>
      {merchant ? (
        <View className="row" data-testid="admin-offer-merchant-filter">
          <Text>{`商家：${merchant.name || '指定商家'}`}</Text>
          <Text className="link" onClick={showAllMerchants} data-testid="admin-offer-all-merchants">
            查看全部商家
          </Text>
        </View>
      ) : null}
      <View className="choice-row">
        {STATUS_FILTERS.map((option) => (
          <Chip
            key={option}
            on={status === option}
            onClick={() => chooseStatus(option)}
            testId={`admin-offer-status-${option}`}
          >
            {option === 'all' ? '全部' : OFFER_STATUS_LABELS[option]}
          </Chip>
        ))}
      </View>

      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {loaded && !error && items.length === 0 ? (
        <Text className="notice notice--info" data-testid="admin-offer-empty">
          没有符合条件的优惠
        </Text>
      ) : null}
      {items.map((offer) => (
        <View
          key={offer.id}
          className="panel"
          onClick={() => void Taro.navigateTo({ url: `${ROUTES.adminOfferEdit}?id=${offer.id}` })}
          data-testid="admin-offer-item"
        >
          <View className="row">
            <Text className="panel__title admin-item__title">{offer.title}</Text>
            <Text className={`tag ${OFFER_STATUS_TAGS[offer.status]}`}>{OFFER_STATUS_LABELS[offer.status]}</Text>
          </View>
          <Text className="admin-item__line">{`${OFFER_KIND_LABELS[offer.kind]} · ${offer.headline}`}</Text>
          <Text className="muted admin-item__line">{offer.merchant.name}</Text>
          <Text className="muted admin-item__line">
            {`${chinaDateText(offer.validFrom)} 至 ${chinaDateText(offer.validUntil)}`}
          </Text>
          <View className="admin-figures" data-testid="admin-offer-figures">
            <Text>{`剩余 ${offer.stockRemaining}/${offer.stockTotal}`}</Text>
            <Text>{`已领 ${offer.claimedCount}`}</Text>
            <Text>{`已核销 ${offer.redeemedCount}`}</Text>
          </View>
        </View>
      ))}
      {nextCursor ? (
        <Button className="btn" disabled={busy} onClick={() => void loadMore()} data-testid="admin-offer-more">
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
