import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import type { OfferSummary } from '@union/shared';
import { useRef } from 'react';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { ROUTES } from '../../routes';
import { noLocationNotice } from '../../strings/benefits';
import { isWeapp } from '../../utils/platform';
import { CategoryChips } from './components/CategoryChips';
import { OfferCard } from './components/OfferCard';
import { MAX_RADIUS_METERS, useOfferFinder } from './use-offer-finder';
import './index.css';

/** Stock runs out; coming back to the tab after this long refreshes the list. */
const STALE_AFTER_MS = 5 * 60_000;

/** 普惠: member discounts near the member, by category, with what is left; claiming happens on the offer page. */
export default function BenefitsPage() {
  const finder = useOfferFinder();
  const refreshedAt = useRef(Date.now());

  function refresh() {
    refreshedAt.current = Date.now();
    return finder.refresh();
  }

  useLoad(() => void refresh());
  useDidShow(() => {
    if (Date.now() - refreshedAt.current > STALE_AFTER_MS) void refresh();
  });
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  async function enableLocation() {
    await Taro.openSetting({}).catch(() => undefined);
    await refresh();
  }

  function openOffer(offer: OfferSummary) {
    const at = finder.position ? `&lat=${finder.position.lat}&lng=${finder.position.lng}` : '';
    void Taro.navigateTo({ url: `${ROUTES.benefitOffer}?id=${offer.id}${at}` });
  }

  const { items, position } = finder;
  return (
    <View className="page benefits-page">
      <View className="benefits-head">
        <Text className="benefits-head__title">会员专享优惠</Text>
        <Text
          className="benefits-head__vouchers"
          onClick={() => void Taro.navigateTo({ url: ROUTES.myVouchers })}
          data-testid="my-vouchers-entry"
        >
          我的券 ›
        </Text>
      </View>
      <CategoryChips selected={finder.category} onChange={finder.chooseCategory} />

      {finder.locating && !finder.located ? (
        <Text className="notice notice--info" data-testid="location-pending">
          正在获取您的位置…
        </Text>
      ) : null}
      {finder.located && !position ? (
        <View className="notice notice--warn" data-testid="location-notice">
          <Text>{noLocationNotice(finder.failure)}</Text>
          <View className="benefits-notice-actions">
            <Text className="link" onClick={() => void refresh()} data-testid="relocate">
              重新定位
            </Text>
            {isWeapp() && finder.failure === 'denied' ? (
              <Text className="link" onClick={() => void enableLocation()} data-testid="enable-location">
                开启定位
              </Text>
            ) : null}
          </View>
        </View>
      ) : null}

      {finder.error ? (
        <View className="notice notice--error" data-testid="offers-error">
          <Text>{finder.error}</Text>
          <Button className="btn btn--small" onClick={finder.retry}>
            重试
          </Button>
        </View>
      ) : null}
      {!items && !finder.error ? (
        <Text className="muted benefits-loading" data-testid="offers-loading">
          {finder.locating ? '正在定位…' : '正在查找优惠…'}
        </Text>
      ) : null}
      {items?.length === 0 && !finder.error ? (
        <View className="panel benefits-empty" data-testid="offers-empty">
          <Text className="benefits-empty__text">
            {position
              ? `${finder.radius / 1000}公里内暂无${finder.category ? '该类' : ''}优惠`
              : `暂无${finder.category ? '该类' : ''}优惠，敬请期待`}
          </Text>
          {position && finder.radius < MAX_RADIUS_METERS ? (
            <Button className="btn" onClick={finder.widen} data-testid="widen-radius">
              {`扩大到${MAX_RADIUS_METERS / 1000}公里`}
            </Button>
          ) : null}
          {finder.category ? (
            <Button className="btn" onClick={() => finder.chooseCategory(null)} data-testid="all-categories">
              查看全部类别
            </Button>
          ) : null}
        </View>
      ) : null}

      <View data-testid="offer-list">
        {items?.map((offer) => (
          <OfferCard key={offer.id} offer={offer} onOpen={openOffer} />
        ))}
      </View>
      {finder.nextCursor ? (
        <Button className="btn" loading={finder.loading} onClick={finder.loadMore} data-testid="offers-more">
          加载更多
        </Button>
      ) : null}
      <PrivacyPopup />
    </View>
  );
}
