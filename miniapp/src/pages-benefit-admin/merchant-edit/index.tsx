import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { MERCHANT_CATEGORIES, MERCHANT_CATEGORY_LABELS, type AdminMerchant } from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { InfoRow } from '../../components/InfoRow';
import { PageLoading } from '../../components/PageLoading';
import { PlaceFields } from '../../components/PlaceFields';
import { TextField } from '../../components/TextField';
import { useEditForm } from '../../hooks/use-edit-form';
import { ROUTES } from '../../routes';
import { createMerchant, fetchAdminMerchant, updateMerchant } from '../../services/benefit-admin';
import { errorMessage } from '../../services/http';
import { loadSession } from '../../services/session-store';
import { MERCHANT_STATUS_LABELS } from '../../strings/benefit-admin';
import { fieldErrorsFromApi } from '../../utils/form-errors';
import { stationManagementOrgs } from '../../utils/roles';
import { confirm, showMessage, showSuccess } from '../../utils/toast';
import { ChoiceField } from '../components/ChoiceField';
import { MerchantClerks } from './components/MerchantClerks';
import { MerchantImages } from './components/MerchantImages';
import {
  checkMerchantChanges,
  checkNewMerchant,
  draftFromMerchant,
  emptyDraft,
  type DraftErrors,
  type MerchantDraft,
} from './draft';
import '../admin.css';

/**
 * Sign a merchant (no id) or look after one: details and place on the map; once it exists,
 * its logo and photos, clerk invitations, its offers, and suspending or resuming the partnership.
 */
export default function BenefitAdminMerchantEditPage() {
  const { params } = useRouter();
  const id = params.id;
  const me = loadSession()?.me ?? null;
  const [orgs] = useState(() => (me ? stationManagementOrgs(me) : []));
  const [merchant, setMerchant] = useState<AdminMerchant | null>(null);
  const form = useEditForm<MerchantDraft, DraftErrors>(
    () => (id ? null : emptyDraft(orgs.length === 1 ? orgs[0]!.id : '')),
    fieldErrorsFromApi,
  );
  const { draft, set, errors, busy } = form;

  // Reloaded on show: staff counts change when clerks bind, and offers when they are published.
  useDidShow(() => {
    if (!id) return;
    fetchAdminMerchant(id)
      .then((loaded) => {
        setMerchant(loaded);
        form.setDraft((current) => current ?? draftFromMerchant(loaded));
      })
      .catch((e: unknown) => form.setLoadError(errorMessage(e)));
  });

  if (!draft) return <PageLoading error={form.loadError} />;

  async function save() {
    if (!draft) return;
    const checked = id ? checkMerchantChanges(draft) : checkNewMerchant(draft);
    if ('errors' in checked) return form.refuse(checked.errors);
    await form.submit(async () => {
      if (id && 'patch' in checked) {
        setMerchant(await updateMerchant(id, checked.patch));
        showSuccess('已保存');
      } else if ('input' in checked) {
        const created = await createMerchant(checked.input);
        showSuccess('已签约');
        // Logo, photos and clerk invitations need the merchant to exist: continue on its own page.
        void Taro.redirectTo({ url: `${ROUTES.adminMerchantEdit}?id=${created.id}` });
      }
    });
  }

  async function toggleStatus() {
    if (!id || !merchant) return;
    const suspending = merchant.status === 'active';
    const question = suspending
      ? '暂停后会员看不到该商家的优惠，也不能再领取；已领的券仍可核销。确定暂停？'
      : '恢复后该商家上架中的优惠重新对会员可见。确定恢复？';
    if (!(await confirm(suspending ? '暂停合作' : '恢复合作', question))) return;
    form.setBusy(true);
    try {
      setMerchant(await updateMerchant(id, { status: suspending ? 'suspended' : 'active' }));
      showSuccess(suspending ? '已暂停' : '已恢复');
    } catch (e) {
      showMessage(errorMessage(e));
    } finally {
      form.setBusy(false);
    }
  }

  const openOffers = () =>
    merchant &&
    void Taro.navigateTo({
      url: `${ROUTES.adminOffers}?merchantId=${merchant.id}&merchantName=${encodeURIComponent(merchant.name)}`,
    });

  return (
    <View className="page">
      {merchant ? (
        <View className="panel" data-testid="admin-merchant-summary">
          <View className="row">
            <Text className="panel__title admin-item__title">{merchant.name}</Text>
            <Text
              className={`tag ${merchant.status === 'active' ? 'tag--active' : 'tag--suspended'}`}
              data-testid="admin-merchant-status"
            >
              {MERCHANT_STATUS_LABELS[merchant.status]}
            </Text>
          </View>
          <InfoRow label="签约工会">{merchant.orgName}</InfoRow>
          <InfoRow label="店员">{`${merchant.staffCount} 人`}</InfoRow>
          <InfoRow label="在售优惠">{`${merchant.activeOfferCount} 个`}</InfoRow>
          <View className="admin-tools">
            <Button className="btn btn--small" onClick={openOffers} data-testid="admin-merchant-offers">
              查看优惠
            </Button>
            <Button
              className="btn btn--small"
              disabled={busy}
              onClick={() => void toggleStatus()}
              data-testid="admin-merchant-toggle-status"
            >
              {merchant.status === 'active' ? '暂停合作' : '恢复合作'}
            </Button>
          </View>
        </View>
      ) : null}

      <View className="panel">
        <Text className="panel__title">商家信息</Text>
        <TextField
          label="名称"
          value={draft.name}
          onChange={(name) => set({ name })}
          error={errors.name}
          maxlength={40}
          testId="admin-merchant-name"
        />
        <ChoiceField label="类别" error={errors.category} testId="admin-merchant-category">
          {MERCHANT_CATEGORIES.map((category) => (
            <Chip
              key={category}
              on={draft.category === category}
              onClick={() => set({ category })}
              testId={`admin-merchant-category-${category}`}
            >
              {MERCHANT_CATEGORY_LABELS[category]}
            </Chip>
          ))}
        </ChoiceField>
        <PlaceFields
          place={draft}
          errors={errors}
          onChange={set}
          testIds={{ address: 'admin-merchant-address', location: 'admin-merchant', phone: 'admin-merchant-phone' }}
        />
        {id ? null : (
          <ChoiceField label="签约工会" error={errors.orgId} testId="admin-merchant-org">
            {orgs.map((org) => (
              <Chip
                key={org.id}
                on={draft.orgId === org.id}
                onClick={() => set({ orgId: org.id })}
                testId={`admin-merchant-org-${org.id}`}
              >
                {org.name}
              </Chip>
            ))}
          </ChoiceField>
        )}
        <Textarea
          className="text-area"
          value={draft.description}
          maxlength={300}
          placeholder="简介（选填），如：营业时间、适用门店"
          onInput={(e) => set({ description: e.detail.value })}
          data-testid="admin-merchant-description"
        />
        {errors.description ? <Text className="field__error">{errors.description}</Text> : null}
      </View>

      <Button
        className="btn btn--primary"
        disabled={busy}
        onClick={() => void save()}
        data-testid="admin-merchant-save"
      >
        {id ? '保存' : '签约商家'}
      </Button>

      {merchant ? <MerchantImages merchant={merchant} onChange={setMerchant} /> : null}
      {merchant ? <MerchantClerks merchantId={merchant.id} /> : null}
    </View>
  );
}
