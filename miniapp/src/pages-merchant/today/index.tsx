import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { formatVoucherCode } from '@union/shared';
import { useState } from 'react';
import { InfoRow } from '../../components/InfoRow';
import { ApiError, errorMessage } from '../../services/http';
import { fetchTodayRedemptions, type TodayRedemptions } from '../../services/merchant';
import { chinaTimeText } from '../../strings/benefit-admin';
import { monthDayText } from '../../utils/china-time';
import { formatFen } from '../../utils/money';
import { UnboundNotice } from '../components/UnboundNotice';
import '../merchant.css';

/** 今日核销: what this counter redeemed today (China day), newest first, with the day's totals. */
export default function MerchantTodayPage() {
  const [today, setToday] = useState<TodayRedemptions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unbound, setUnbound] = useState(false);

  async function load() {
    try {
      setToday(await fetchTodayRedemptions());
      setError(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) setUnbound(true);
      else setError(errorMessage(e));
    }
  }

  useDidShow(() => void load());
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
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
      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {!today && !error ? <Text className="muted">正在加载…</Text> : null}
      {today ? (
        <>
          <View className="panel" data-testid="today-totals">
            <Text className="panel__title">{`${monthDayText(today.date)} 核销合计`}</Text>
            <InfoRow label="核销张数">
              <Text data-testid="today-count">{today.totals.count}</Text>
            </InfoRow>
            <InfoRow label="面值合计">
              <Text data-testid="today-face">{formatFen(today.totals.faceValueFen)}</Text>
            </InfoRow>
            <InfoRow label="会员实付合计">
              <Text data-testid="today-paid">{formatFen(today.totals.paidFen)}</Text>
            </InfoRow>
          </View>
          {today.items.length === 0 ? (
            <Text className="notice notice--info" data-testid="today-empty">
              今天还没有核销记录
            </Text>
          ) : null}
          {today.items.map((item) => (
            <View key={item.id} className="panel" data-testid="today-item">
              <View className="redemption-item__head">
                <Text className="redemption-item__time">{chinaTimeText(item.redeemedAt)}</Text>
                <Text>{item.faceValueFen > 0 ? formatFen(item.faceValueFen) : item.headline}</Text>
              </View>
              <Text className="redemption-item__line">{`${item.offerTitle} · ${item.headline}`}</Text>
              <Text className="redemption-item__line muted">
                {`券码 ${formatVoucherCode(item.code)} · 会员 ${item.memberMaskedName} · ${item.redeemedByName}`}
              </Text>
            </View>
          ))}
          <Text className="muted">下拉刷新</Text>
        </>
      ) : null}
    </View>
  );
}
