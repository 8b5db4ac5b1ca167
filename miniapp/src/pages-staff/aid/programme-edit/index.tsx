import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaDateOf, DOCUMENT_KINDS, EDUCATION_LEVELS, HARDSHIP_CATEGORIES } from '@union/shared';
import { useState, type ReactNode } from 'react';
import { Chip } from '../../../components/Chip';
import { TextField } from '../../../components/TextField';
import { createAidProgramme } from '../../../services/aid';
import { ApiError, errorMessage } from '../../../services/http';
import { loadSession } from '../../../services/session-store';
import {
  DOCUMENT_KIND_LABELS,
  EDUCATION_LEVEL_LABELS,
  HARDSHIP_LABELS,
  REVIEW_CHAIN_PRESETS,
  reviewChainText,
} from '../../../strings/aid';
import { stationManagementOrgs } from '../../../utils/roles';
import { showMessage, showSuccess } from '../../../utils/toast';
import { checkForm, emptyForm, formErrorsFromApi, type FormErrors, type ProgrammeForm } from './form';
import './index.css';

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

/**
 * 设立助学项目: organiser, application window, grants per education level, eligibility,
 * documents, review chain and public notice. The organiser must be a city or district
 * federation; the staff's own union offices are offered and the BFF says when one is not.
 */
export default function AidProgrammeEditPage() {
  const me = loadSession()?.me ?? null;
  const [orgs] = useState(() => (me ? stationManagementOrgs(me) : []));
  const [form, setForm] = useState<ProgrammeForm>(() =>
    emptyForm(chinaDateOf(new Date()), orgs.length === 1 ? orgs[0]!.id : ''),
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<ProgrammeForm>) => setForm((current) => ({ ...current, ...change }));

  async function save() {
    const checked = checkForm(form);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return showMessage('请按提示修改后再保存');
    }
    setErrors({});
    setBusy(true);
    try {
      await createAidProgramme(checked.input);
      showSuccess('项目已设立');
      void Taro.navigateBack();
    } catch (e) {
      if (e instanceof ApiError) setErrors(formErrorsFromApi(e));
      showMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page aid-programme-edit">
      <View className="panel">
        <Text className="panel__title">基本信息</Text>
        <TextField
          label="项目名称"
          value={form.name}
          onChange={(name) => set({ name })}
          error={errors.name}
          maxlength={40}
          testId="programme-name"
        />
        <TextField
          label="年度"
          type="number"
          value={form.year}
          onChange={(year) => set({ year })}
          error={errors.year}
          maxlength={4}
          testId="programme-year"
        />
        <Field label="举办工会" error={errors.orgId} testId="programme-org">
          {orgs.map((org) => (
            <Chip
              key={org.id}
              on={form.orgId === org.id}
              onClick={() => set({ orgId: org.id })}
              testId={`programme-org-${org.id}`}
            >
              {org.name}
            </Chip>
          ))}
          <Text className="muted">须为市总工会或区/县总工会</Text>
        </Field>
        <Field label="申请开始" error={errors.applyFrom} testId="programme-apply-from">
          <Picker
            mode="date"
            value={form.applyFrom}
            onChange={(e) => set({ applyFrom: e.detail.value })}
            data-testid="programme-apply-from"
          >
            <Text className="time-box">{form.applyFrom || '请选择'}</Text>
          </Picker>
        </Field>
        <Field label="申请截止" error={errors.applyTo} testId="programme-apply-to">
          <Picker
            mode="date"
            value={form.applyTo}
            onChange={(e) => set({ applyTo: e.detail.value })}
            data-testid="programme-apply-to"
          >
            <Text className="time-box">{form.applyTo || '请选择'}</Text>
          </Picker>
        </Field>
      </View>

      <View className="panel">
        <Text className="panel__title">资助档次（元）</Text>
        <Text className="muted">不资助的层次留空</Text>
        {EDUCATION_LEVELS.map((level) => (
          <TextField
            key={level}
            label={EDUCATION_LEVEL_LABELS[level]}
            value={form.tiers[level]}
            onChange={(amount) => set({ tiers: { ...form.tiers, [level]: amount } })}
            placeholder="如 3000"
            maxlength={12}
            testId={`programme-tier-${level}`}
          />
        ))}
        {errors.tiers ? (
          <Text className="field__error" data-testid="programme-tiers-error">
            {errors.tiers}
          </Text>
        ) : null}
      </View>

      <View className="panel">
        <Text className="panel__title">申请条件</Text>
        <TextField
          label="入会满（月）"
          type="number"
          value={form.minMembershipMonths}
          onChange={(minMembershipMonths) => set({ minMembershipMonths })}
          error={errors.minMembershipMonths}
          maxlength={3}
          testId="programme-min-months"
        />
        <TextField
          label="录取年份"
          type="number"
          value={form.admissionYear}
          onChange={(admissionYear) => set({ admissionYear })}
          error={errors.admissionYear}
          maxlength={4}
          testId="programme-admission-year"
        />
        <Field label="困难类型" error={errors.hardshipCategories} testId="programme-hardship">
          {HARDSHIP_CATEGORIES.filter((category) => category !== 'none').map((category) => (
            <Chip
              key={category}
              on={form.hardshipCategories.includes(category)}
              onClick={() => set({ hardshipCategories: toggle(form.hardshipCategories, category) })}
              testId={`programme-hardship-${category}`}
            >
              {HARDSHIP_LABELS[category]}
            </Chip>
          ))}
          <Text className="muted">都不选则不限困难类型</Text>
        </Field>
        <TextField
          label="人均月收入上限（元）"
          value={form.incomeCeiling}
          onChange={(incomeCeiling) => set({ incomeCeiling })}
          placeholder="不限则留空"
          error={errors.incomeCeiling}
          maxlength={12}
          testId="programme-income-ceiling"
        />
      </View>

      <View className="panel">
        <Text className="panel__title">材料与审核</Text>
        <Field label="必交材料" error={errors.requiredDocuments} testId="programme-documents">
          {DOCUMENT_KINDS.filter((kind) => kind !== 'other').map((kind) => (
            <Chip
              key={kind}
              on={form.requiredDocuments.includes(kind)}
              onClick={() => set({ requiredDocuments: toggle(form.requiredDocuments, kind) })}
              testId={`programme-document-${kind}`}
            >
              {DOCUMENT_KIND_LABELS[kind]}
            </Chip>
          ))}
        </Field>
        <Field label="审核流程" error={errors.reviewChain} testId="programme-chain">
          {REVIEW_CHAIN_PRESETS.map((chain, index) => (
            <Chip
              key={index}
              on={reviewChainText(chain) === reviewChainText(form.reviewChain)}
              onClick={() => set({ reviewChain: [...chain] })}
              testId={`programme-chain-${index}`}
            >
              {reviewChainText(chain)}
            </Chip>
          ))}
        </Field>
        <TextField
          label="公示天数"
          type="number"
          value={form.noticeDays}
          onChange={(noticeDays) => set({ noticeDays })}
          placeholder="不公示填 0"
          error={errors.noticeDays}
          maxlength={2}
          testId="programme-notice-days"
        />
      </View>

      <Button className="btn btn--primary" disabled={busy} onClick={() => void save()} data-testid="programme-save">
        设立项目
      </Button>
    </View>
  );
}

function Field({
  label,
  error,
  testId,
  children,
}: {
  label: string;
  error?: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <View className="field" data-testid={`${testId}-field`}>
      <Text className="field__label">{label}</Text>
      <View className="choice-row">{children}</View>
      {error ? (
        <Text className="field__error" data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
