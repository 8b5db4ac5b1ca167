import { Button, Input, Text, View } from '@tarojs/components';
import type { AdminMerchant } from '@union/shared';
import { useEffect, useState } from 'react';
import { Chip } from '../../../components/Chip';
import { fetchAdminMerchants } from '../../../services/benefit-admin';
import { errorMessage } from '../../../services/http';

interface MerchantPickerProps {
  merchantId: string;
  onPick: (merchant: { id: string; name: string }) => void;
  error?: string;
}

/** Which merchant a new offer is for: active merchants in scope, found by name. */
export function MerchantPicker({ merchantId, onPick, error }: MerchantPickerProps) {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [merchants, setMerchants] = useState<AdminMerchant[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    fetchAdminMerchants({ q: search || undefined, status: 'active' })
      .then((page) => {
        setMerchants(page.items);
        setLoadError(null);
      })
      .catch((e: unknown) => setLoadError(errorMessage(e)));
  }, [search]);

  return (
    <View className="field" data-testid="offer-merchant-field">
      <Text className="field__label">商家</Text>
      <View className="admin-search">
        <Input
          className="admin-search__input"
          value={query}
          maxlength={30}
          placeholder="按名称搜索商家"
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => setSearch(query.trim())}
          data-testid="offer-merchant-search"
        />
        <Button className="btn btn--small" onClick={() => setSearch(query.trim())}>
          搜索
        </Button>
      </View>
      <View className="choice-row">
        {merchants.map((merchant) => (
          <Chip
            key={merchant.id}
            on={merchant.id === merchantId}
            onClick={() => onPick({ id: merchant.id, name: merchant.name })}
            testId={`offer-merchant-${merchant.id}`}
          >
            {merchant.name}
          </Chip>
        ))}
        {merchants.length === 0 && !loadError ? <Text className="muted">没有可选的合作中商家</Text> : null}
      </View>
      {loadError ? <Text className="field__error">{loadError}</Text> : null}
      {error ? (
        <Text className="field__error" data-testid="offer-merchant-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
