import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { OfferSummary } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
import { OFFER_ID, offerSummary, paidOfferSummary, PAID_OFFER_ID } from '../../../test/offer-fixtures';
import { queryOf } from '../../../test/station-fixtures';
import { taroTest } from '../../../test/taro-mock';
import BenefitsPage from './index';

const MEMBER_AT = { latitude: 30.2741, longitude: 120.1551 };

function locatedAt(position = MEMBER_AT) {
  vi.mocked(Taro.getLocation).mockResolvedValue(position as Awaited<ReturnType<typeof Taro.getLocation>>);
}

function locationRefused() {
  vi.mocked(Taro.getLocation).mockRejectedValue({ errMsg: 'getLocation:fail auth deny' });
}

/** Serves the public offer endpoints and records what the page asked for. */
function serveOffers({
  nearby = () => [offerSummary(), paidOfferSummary({ stockRemaining: 0, distanceMeters: 1500 })],
  all = () => ({ items: [offerSummary({ distanceMeters: null })], nextCursor: null }),
}: {
  nearby?: (query: Record<string, string>) => OfferSummary[];
  all?: (query: Record<string, string>) => { items: OfferSummary[]; nextCursor: string | null };
} = {}) {
  const nearbyQueries: Record<string, string>[] = [];
  const listQueries: Record<string, string>[] = [];
  taroTest.respondWith(({ path, query }) => {
    if (path === '/api/benefits/offers/nearby') {
      nearbyQueries.push(queryOf(query));
      return { statusCode: 200, data: { items: nearby(queryOf(query)) } };
    }
    if (path === '/api/benefits/offers') {
      listQueries.push(queryOf(query));
      return { statusCode: 200, data: all(queryOf(query)) };
    }
    return { statusCode: 404, data: null };
  });
  return { nearbyQueries, listQueries };
}

const offerItem = (id: string) =>
  screen.getAllByTestId('offer-item').find((item) => item.getAttribute('data-offer-id') === id)!;

describe('普惠 tab', () => {
  it('lists nearby offers with merchant, headline, price, distance and remaining stock', async () => {
    locatedAt();
    const { nearbyQueries, listQueries } = serveOffers();
    render(<BenefitsPage />);

    await screen.findAllByTestId('offer-item');
    const coupon = within(offerItem(OFFER_ID));
    expect(coupon.getByTestId('offer-merchant').textContent).toBe('好邻居便利店');
    expect(coupon.getByTestId('offer-headline').textContent).toBe('满100减20');
    expect(coupon.getByTestId('offer-kind').textContent).toBe('优惠券');
    expect(coupon.getByTestId('offer-distance').textContent).toBe('420米');
    expect(coupon.getByTestId('offer-stock').textContent).toBe('剩余 37 张');
    expect(coupon.queryByTestId('offer-price')).toBeNull();

    const paid = within(offerItem(PAID_OFFER_ID));
    expect(paid.getByTestId('offer-price').textContent).toBe('¥12 购 ¥100 券');
    expect(paid.getByTestId('offer-kind').textContent).toBe('工会补贴券');
    expect(paid.getByTestId('offer-distance').textContent).toBe('1.5公里');
    expect(paid.getByTestId('offer-stock').textContent).toBe('已领完');

    expect(nearbyQueries).toHaveLength(1);
    expect(Number(nearbyQueries[0]?.lat)).toBeCloseTo(30.2741, 1);
    expect(nearbyQueries[0]?.radius).toBe('5000');
    expect(listQueries).toHaveLength(0);
    expect(screen.queryByTestId('location-notice')).toBeNull();
  });

  it('asks again for the chosen category only', async () => {
    locatedAt();
    const { nearbyQueries } = serveOffers();
    render(<BenefitsPage />);
    await screen.findAllByTestId('offer-item');

    fireEvent.click(screen.getByTestId('category-chip-dining'));
    await waitFor(() => expect(nearbyQueries).toHaveLength(2));
    expect(nearbyQueries[1]?.category).toBe('dining');
    expect(screen.getByTestId('category-chip-dining').getAttribute('aria-pressed')).toBe('true');
  });

  it('lists every offer without distances, and says so, when location is refused', async () => {
    locationRefused();
    const { nearbyQueries, listQueries } = serveOffers({
      all: (query) =>
        query.cursor
          ? { items: [paidOfferSummary({ distanceMeters: null })], nextCursor: null }
          : { items: [offerSummary({ distanceMeters: null })], nextCursor: 'next-1' },
    });
    render(<BenefitsPage />);

    await screen.findByTestId('offer-item');
    expect(screen.getByTestId('location-notice').textContent).toContain(
      '未获得定位权限，已按发布时间列出全部优惠（不显示距离）',
    );
    expect(screen.queryByTestId('offer-distance')).toBeNull();
    expect(nearbyQueries).toHaveLength(0);
    expect(listQueries).toHaveLength(1);

    // Paging continues from the cursor.
    fireEvent.click(screen.getByTestId('offers-more'));
    await waitFor(() => expect(listQueries).toHaveLength(2));
    expect(listQueries[1]?.cursor).toBe('next-1');
    await waitFor(() => expect(screen.getAllByTestId('offer-item')).toHaveLength(2));
    expect(screen.queryByTestId('offers-more')).toBeNull();
  });

  it('says why nothing is listed, and offers a wider search', async () => {
    locatedAt();
    const { nearbyQueries } = serveOffers({ nearby: () => [] });
    render(<BenefitsPage />);

    expect((await screen.findByTestId('offers-empty')).textContent).toContain('5公里内暂无优惠');
    fireEvent.click(screen.getByTestId('widen-radius'));
    await waitFor(() => expect(nearbyQueries[1]?.radius).toBe('20000'));
  });

  it('shows an error with a retry instead of a blank page', async () => {
    locatedAt();
    taroTest.respondWith(() => {
      throw new Error('request:fail');
    });
    render(<BenefitsPage />);

    expect((await screen.findByTestId('offers-error')).textContent).toContain('网络不可用');
    serveOffers();
    fireEvent.click(within(screen.getByTestId('offers-error')).getByText('重试'));
    expect(await screen.findAllByTestId('offer-item')).toHaveLength(2);
  });

  it('opens an offer with the position, and 我的券', async () => {
    locatedAt();
    serveOffers();
    render(<BenefitsPage />);
    await screen.findAllByTestId('offer-item');

    fireEvent.click(offerItem(OFFER_ID));
    expect(vi.mocked(Taro.navigateTo).mock.calls[0]?.[0].url).toMatch(
      new RegExp(`^/pages-benefits/offer/index\\?id=${OFFER_ID}&lat=30\\.\\d+&lng=120\\.\\d+$`),
    );
    fireEvent.click(screen.getByTestId('my-vouchers-entry'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages-benefits/vouchers/index' });
  });

  it('locates again and reloads on pull-down refresh', async () => {
    locatedAt();
    const { nearbyQueries } = serveOffers();
    render(<BenefitsPage />);
    await screen.findAllByTestId('offer-item');

    taroTest.pullDown();
    await waitFor(() => expect(nearbyQueries).toHaveLength(2));
    expect(Taro.getLocation).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
  });
});
