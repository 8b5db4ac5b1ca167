import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { chinaDateOf, type AdminOffer } from '@union/shared';
import { useState } from 'react';
import { Chip } from '../../components/Chip';
import { PageLoading } from '../../components/PageLoading';
import { TextField } from '../../components/TextField';
import { useEditForm } from '../../hooks/use-edit-form';
import { createOffer, fetchAdminOffer, updateOffer } from '../../services/benefit-admin';
import { errorMessage } from '../../services/http';
import { OFFER_STATUS_LABELS } from '../../strings/benefit-admin';
import { textParam } from '../../utils/params';
import { confirm, showSuccess } from '../../utils/toast';
import { ChoiceField } from '../components/ChoiceField';
import { MerchantPicker } from './components/MerchantPicker';
import { MoneyFields } from './components/MoneyFields';
import { PublishedMoney } from './components/PublishedMoney';
import { RulesFields } from './components/RulesFields';
import { StockFields } from './components/StockFields';
import {
  checkNewOffer,
  checkOfferChanges,
  emptyForm,
  formErrorsFromApi,
  formFromOffer,
  type FormErrors,
  type OfferForm,
} from './form';
import '../admin.css';

type OfferStatus = AdminOffer['status'];

/** Publish an offer (no id) for a merchant, or change a published one's texts, dates, limits, stock and status. */
export default function BenefitAdminOfferEditPage() {
  const { params } = useRouter();
  const id = params.id;
  const [merchantName, setMerchantName] = useState(() => textParam(params.merchantName));
  const [offer, setOffer] = useState<AdminOffer | null>(null);
  const edit = useEditForm<OfferForm, FormErrors>(
    () => (id ? null : emptyForm(params.merchantId ?? '', chinaDateOf(new Date()))),
    formErrorsFromApi,
  );
  const { draft: form, set, errors, busy } = edit;

  useLoad(() => {
    if (!id) return;
    fetchAdminOffer(id)
      .then((loaded) => {
        setOffer(loaded);
        edit.setDraft(formFromOffer(loaded));
        setMerchantName(loaded.merchant.name);
      })
      .catch((e: unknown) => edit.setLoadError(errorMessage(e)));
  });

  if (!form) return <PageLoading error={edit.loadError} />;

  async function save() {
    if (!form) return;
    const checked = offer ? checkOfferChanges(form, offer) : checkNewOffer(form);
    if ('errors' in checked) return edit.refuse(checked.errors);
    if (offer && form.status === 'ended' && offer.status !== 'ended') {
      if (!(await confirm('结束优惠', '结束后会员不能再领取，也不能重新上架；已领的券仍可在有效期内核销。确定结束？')))
        return;
    }
    await edit.submit(async () => {
      if (offer && 'patch' in checked) {
        await updateOffer(offer.id, checked.patch);
        showSuccess('已保存');
      } else if ('input' in checked) {
        await createOffer(checked.input);
        showSuccess(checked.input.status === 'draft' ? '已存为草稿' : '已上架');
      }
      void Taro.navigateBack();
    });
  }

  // A published offer moves between 上架/暂停/结束; a draft may also stay a draft. Ended is final.
  const statusChoices: OfferStatus[] = !offer
    ? ['active', 'draft']
    : offer.status === 'ended'
      ? ['ended']
      : offer.status === 'draft'
        ? ['draft', 'active', 'ended']
        : ['active', 'paused', 'ended'];

  return (
    <View className="page">
      <View className="panel">
        <Text className="panel__title">基本信息</Text>
        {params.merchantId || offer ? (
          <View className="row" data-testid="offer-merchant">
            <Text>商家</Text>
            <Text>{merchantName || '已选商家'}</Text>
          </View>
        ) : (
          <MerchantPicker
            merchantId={form.merchantId}
            onPick={(merchant) => {
              set({ merchantId: merchant.id });
              setMerchantName(merchant.name);
            }}
            error={errors.merchantId}
          />
        )}
        <TextField
          label="优惠名称"
          value={form.title}
          onChange={(title) => set({ title })}
          placeholder="如：爱心超市购物卡"
          error={errors.title}
          maxlength={40}
          testId="offer-title"
        />
        <Textarea
          className="text-area"
          value={form.description}
          maxlength={300}
          placeholder="优惠说明（选填）"
          onInput={(e) => set({ description: e.detail.value })}
          data-testid="offer-description"
        />
        {errors.description ? <Text className="field__error">{errors.description}</Text> : null}
        <Textarea
          className="text-area"
          value={form.usageNotes}
          maxlength={200}
          placeholder="使用须知（选填），如：不与店内其他优惠同享"
          onInput={(e) => set({ usageNotes: e.detail.value })}
          data-testid="offer-usage-notes"
        />
        {errors.usageNotes ? <Text className="field__error">{errors.usageNotes}</Text> : null}
      </View>

      {offer ? <PublishedMoney offer={offer} /> : <MoneyFields form={form} errors={errors} onChange={set} />}
      <StockFields form={form} errors={errors} onChange={set} offer={offer} />
      <RulesFields form={form} errors={errors} onChange={set} />

      <View className="panel">
        <ChoiceField label="状态" error={errors.status} testId="offer-status">
          {statusChoices.map((status) => (
            <Chip
              key={status}
              on={form.status === status}
              onClick={() => set({ status })}
              testId={`offer-status-${status}`}
            >
              {!offer && status === 'active' ? '立即上架' : OFFER_STATUS_LABELS[status]}
            </Chip>
          ))}
        </ChoiceField>
      </View>

      <Button className="btn btn--primary" disabled={busy} onClick={() => void save()} data-testid="offer-save">
        {offer ? '保存' : '发布优惠'}
      </Button>
    </View>
  );
}
