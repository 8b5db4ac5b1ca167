import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  MERCHANT_CATEGORIES,
  MERCHANT_CATEGORY_LABELS,
  type AdminMerchant,
  type MerchantCategory,
} from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { usePagedList } from '../../hooks/use-paged-list';
import { ROUTES } from '../../routes';
import { fetchAdminMerchants } from '../../services/benefit-admin';
import { MERCHANT_STATUS_LABELS } from '../../strings/benefit-admin';
import '../admin.css';

type StatusFilter = 'all' | AdminMerchant['status'];
type CategoryFilter = 'all' | MerchantCategory;
interface Filters {
  q: string;
  category: CategoryFilter;
  status: StatusFilter;
  /** The workbench's 商户邀请待处理 queue: active merchants with no clerk and no live invitation. */
  needsClerk: boolean;
}

function emptyText(filters: Filters): string {
  if (filters.q.trim()) return '没有找到匹配的商家';
  return filters.needsClerk ? '没有待邀请店员的商家' : '管辖范围内还没有商家';
}

/** 普惠商家: merchants in the staff member's organisations, searchable, with their clerks and live offers. */
export default function BenefitAdminMerchantsPage() {
  // The workbench's to-do opens this page with `?needsClerk=1`.
  const { params } = useRouter();
  const [filters, setFilters] = useState<Filters>({
    q: '',
    category: 'all',
    status: 'all',
    needsClerk: params.needsClerk === '1',
  });
  const { items, nextCursor, loaded, error, busy, load, loadMore } = usePagedList((chosen: Filters, cursor?: string) =>
    fetchAdminMerchants({
      q: chosen.q.trim() || undefined,
      category: chosen.category === 'all' ? undefined : chosen.category,
      status: chosen.status === 'all' ? undefined : chosen.status,
      needsClerk: chosen.needsClerk ? 'true' : undefined,
      cursor,
    }),
  );

  // Reloaded on every show so edits, suspensions and new clerks are reflected.
  useDidShow(() => void load(filters));

  function choose(change: Partial<Filters>) {
    const next = { ...filters, ...change };
    setFilters(next);
    void load(next);
  }

  const open = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className="page">
      <View className="admin-tools">
        <Button
          className="btn btn--small btn--primary"
          onClick={() => open(ROUTES.adminMerchantEdit)}
          data-testid="admin-merchant-create"
        >
          签约新商家
        </Button>
        <Button className="btn btn--small" onClick={() => open(ROUTES.adminOffers)}>
          优惠管理
        </Button>
        <Button className="btn btn--small" onClick={() => open(ROUTES.adminSettlement)}>
          月度结算
        </Button>
      </View>

      <View className="admin-search">
        <Input
          className="admin-search__input"
          value={filters.q}
          maxlength={30}
          placeholder="按商家名称或地址搜索"
          confirmType="search"
          onInput={(e) => setFilters((current) => ({ ...current, q: e.detail.value }))}
          onConfirm={() => void load(filters)}
          data-testid="admin-merchant-search"
        />
        <Button
          className="btn btn--small"
          onClick={() => void load(filters)}
          data-testid="admin-merchant-search-submit"
        >
          搜索
        </Button>
      </View>
      <View className="choice-row">
        <Chip on={filters.category === 'all'} onClick={() => choose({ category: 'all' })} testId="admin-category-all">
          全部类别
        </Chip>
        {MERCHANT_CATEGORIES.map((category) => (
          <Chip
            key={category}
            on={filters.category === category}
            onClick={() => choose({ category })}
            testId={`admin-category-${category}`}
          >
            {MERCHANT_CATEGORY_LABELS[category]}
          </Chip>
        ))}
      </View>
      <View className="choice-row">
        {(['all', 'active', 'suspended'] as const).map((status) => (
          <Chip
            key={status}
            on={filters.status === status}
            onClick={() => choose({ status })}
            testId={`admin-merchant-status-${status}`}
          >
            {status === 'all' ? '全部状态' : MERCHANT_STATUS_LABELS[status]}
          </Chip>
        ))}
        <Chip
          on={filters.needsClerk}
          onClick={() => choose({ needsClerk: !filters.needsClerk })}
          testId="admin-merchant-needs-clerk"
        >
          待邀请店员
        </Chip>
      </View>
      {filters.needsClerk ? (
        <Text className="notice notice--info" data-testid="admin-merchant-needs-clerk-hint">
          这些商家还没有店员可核销，也没有有效的邀请码：点开商家，在“店员”处生成店员邀请码并转交店员。
        </Text>
      ) : null}

      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {loaded && !error && items.length === 0 ? (
        <Text className="notice notice--info" data-testid="admin-merchant-empty">
          {emptyText(filters)}
        </Text>
      ) : null}
      {items.map((merchant) => (
        <View
          key={merchant.id}
          className="panel"
          onClick={() => open(`${ROUTES.adminMerchantEdit}?id=${merchant.id}`)}
          data-testid="admin-merchant-item"
        >
          <View className="row">
            <Text className="panel__title admin-item__title">{merchant.name}</Text>
            {merchant.needsClerk ? (
              <Text className="tag tag--pending" data-testid="admin-merchant-needs-clerk-tag">
                待邀请店员
              </Text>
            ) : null}
            <Text className={`tag ${merchant.status === 'active' ? 'tag--active' : 'tag--suspended'}`}>
              {MERCHANT_STATUS_LABELS[merchant.status]}
            </Text>
          </View>
          <Text className="muted admin-item__line">
            {`${MERCHANT_CATEGORY_LABELS[merchant.category]} · ${merchant.orgName}`}
          </Text>
          <Text className="muted admin-item__line">{merchant.address}</Text>
          <View className="admin-figures" data-testid="admin-merchant-figures">
            <Text>{`店员 ${merchant.staffCount} 人`}</Text>
            <Text>{`在售优惠 ${merchant.activeOfferCount} 个`}</Text>
          </View>
        </View>
      ))}
      {nextCursor ? (
        <Button className="btn" disabled={busy} onClick={() => void loadMore()} data-testid="admin-merchant-more">
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
