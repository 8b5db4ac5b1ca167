import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { VOUCHER_DISPLAY_LABELS, VOUCHER_VIEWS } from '@union/shared';
import { MemberPage } from '../../components/MemberPage';
import { ROUTES } from '../../routes';
import { VoucherItem } from './components/VoucherItem';
import { useVoucherList } from './use-voucher-list';
import '../benefits.css';

/** 我的券: unused, used, expired and refunded vouchers; an unused one opens its QR. */
export default function MyVouchersPage() {
  const list = useVoucherList();
  const { items } = list;

  // On every show: coming back from the counter, the voucher just used moves to 已使用.
  useDidShow(() => void list.reload());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <MemberPage testId="vouchers-page">
      <View className="voucher-tabs" data-testid="voucher-tabs">
        {VOUCHER_VIEWS.map((view) => (
          <Text
            key={view}
            className={`voucher-tab ${list.view === view ? 'voucher-tab--on' : ''}`}
            onClick={() => list.choose(view)}
            aria-selected={list.view === view}
            data-testid={`voucher-tab-${view}`}
          >
            {VOUCHER_DISPLAY_LABELS[view]}
          </Text>
        ))}
      </View>

      {list.error ? (
        <View className="notice notice--error" data-testid="vouchers-error">
          <Text>{list.error}</Text>
          <Button className="btn btn--small" onClick={() => void list.reload()}>
            重试
          </Button>
        </View>
      ) : null}
      {!items && !list.error ? (
        <Text className="muted" data-testid="vouchers-loading">
          正在加载…
        </Text>
      ) : null}
      {items?.length === 0 ? (
        <View className="panel" data-testid="vouchers-empty">
          <Text className="benefit-text">{`暂无${VOUCHER_DISPLAY_LABELS[list.view]}的券`}</Text>
          {list.view === 'unused' ? (
            <Button className="btn" onClick={() => void Taro.switchTab({ url: ROUTES.benefits })}>
              去领券
            </Button>
          ) : null}
        </View>
      ) : null}
      <View data-testid="voucher-list">
        {items?.map((voucher) => (
          <VoucherItem
            key={voucher.id}
            voucher={voucher}
            onOpen={(v) => void Taro.navigateTo({ url: `${ROUTES.voucher}?id=${v.id}` })}
          />
        ))}
      </View>
      {list.nextCursor ? (
        <Button className="btn" loading={list.loading} onClick={list.loadMore} data-testid="vouchers-more">
          加载更多
        </Button>
      ) : null}
    </MemberPage>
  );
}
