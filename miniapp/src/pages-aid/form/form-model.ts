/**
 * The aid form as the member types it (text everywhere, yuan for money), and the
 * conversions to what the contract wants: a partial draft, and the per-step checks with
 * the same zod schemas the BFF applies on submission.
 */
import {
  ChildSchema,
  HouseholdSchema,
  PaymentSchema,
  type AidApplication,
  type AidDraft,
  type EducationLevel,
  type HardshipCategory,
} from '@union/shared';
import type { z } from 'zod';
import { fenToYuanInput, yuanToFen } from '../../utils/money';

export interface AidFormValues {
  child: {
    name: string;
    idNumber: string;
    school: string;
    major: string;
    educationLevel: EducationLevel | '';
    admissionYear: string;
  };
  household: {
    members: string;
    annualIncomeYuan: string;
    hardshipCategory: HardshipCategory | '';
    situation: string;
  };
  payment: { method: 'bank_card' | 'union_card' | ''; bankName: string; accountName: string; accountNumber: string };
  declarationAccepted: boolean;
}

/** Field errors keyed by the contract's path, e.g. `child.idNumber`, as the BFF's 400 details name them. */
export type AidFieldErrors = Record<string, string>;

export const STEP_COUNT = 5;
export const DOCUMENTS_STEP = 3;
export const CONFIRM_STEP = 4;

export function emptyValues(): AidFormValues {
  return {
    child: { name: '', idNumber: '', school: '', major: '', educationLevel: '', admissionYear: '' },
    household: { members: '', annualIncomeYuan: '', hardshipCategory: '', situation: '' },
    payment: { method: '', bankName: '', accountName: '', accountNumber: '' },
    declarationAccepted: false,
  };
}

const text = (value: string | number | undefined | null) =>
  value === undefined || value === null ? '' : String(value);

/** What the server holds, as the form shows it. */
export function valuesFromApplication(application: AidApplication): AidFormValues {
  const { child, household, payment } = application;
  return {
    child: {
      name: text(child.name),
      idNumber: text(child.idNumber),
      school: text(child.school),
      major: text(child.major),
      educationLevel: child.educationLevel ?? '',
      admissionYear: text(child.admissionYear),
    },
    household: {
      members: text(household.members),
      annualIncomeYuan: household.annualIncomeFen === undefined ? '' : fenToYuanInput(household.annualIncomeFen),
      hardshipCategory: household.hardshipCategory ?? '',
      situation: text(household.situation),
    },
    payment: {
      method: payment.method ?? '',
      bankName: text(payment.bankName),
      accountName: text(payment.accountName),
      accountNumber: text(payment.accountNumber),
    },
    declarationAccepted: application.declarationAccepted,
  };
}

const whole = (value: string) => (/^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : undefined);
const filled = (value: string) => (value.trim() === '' ? undefined : value);

/** The contract's shapes, with empty fields left out (undefined) and numbers parsed. */
function candidates(values: AidFormValues) {
  const { child, household, payment } = values;
  return {
    child: {
      name: filled(child.name),
      idNumber: filled(child.idNumber),
      school: filled(child.school),
      major: filled(child.major),
      educationLevel: child.educationLevel || undefined,
      admissionYear: whole(child.admissionYear),
    },
    household: {
      members: whole(household.members),
      annualIncomeFen: yuanToFen(household.annualIncomeYuan) ?? undefined,
      hardshipCategory: household.hardshipCategory || undefined,
      situation: filled(household.situation),
    },
    payment: {
      method: payment.method || undefined,
      bankName: filled(payment.bankName),
      accountName: filled(payment.accountName),
      accountNumber: filled(payment.accountNumber),
    },
  };
}

function validFields<S extends z.ZodObject>(schema: S, candidate: Record<string, unknown>) {
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(candidate)) {
    if (value === undefined) continue;
    const rule = schema.shape[field] as z.ZodType | undefined;
    const parsed = rule?.safeParse(value);
    // A half-typed ID number would make the whole save fail; it stays on the phone until it is right.
    if (parsed?.success) kept[field] = parsed.data;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** Only what is filled in and already valid field by field: the server keeps partial drafts. */
export function draftFrom(values: AidFormValues): AidDraft {
  const parts = candidates(values);
  const draft: AidDraft = {};
  const child = validFields(ChildSchema, parts.child);
  const household = validFields(HouseholdSchema, parts.household);
  const payment = validFields(PaymentSchema, parts.payment);
  if (child) draft.child = child;
  if (household) draft.household = household;
  if (payment) draft.payment = payment;
  if (values.declarationAccepted) draft.declarationAccepted = true;
  return draft;
}

/** Messages for fields left empty, where zod's own would speak of types. */
const REQUIRED: Record<string, string> = {
  'child.educationLevel': '请选择录取层次',
  'child.admissionYear': '请填写录取年份（如 2026）',
  'household.members': '请填写家庭人口',
  'household.annualIncomeFen': '请填写家庭年收入（元），最多两位小数',
  'household.hardshipCategory': '请选择家庭困难类型',
  'payment.method': '请选择收款方式',
};

function check<S extends z.ZodObject>(group: string, schema: S, candidate: Record<string, unknown>): AidFieldErrors {
  const errors: AidFieldErrors = {};
  for (const [field, value] of Object.entries(candidate)) {
    const path = `${group}.${field}`;
    if (value === undefined && REQUIRED[path]) errors[path] = REQUIRED[path];
  }
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(candidate).map(([k, v]) => [k, v ?? ''])));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = `${group}.${String(issue.path[0] ?? '')}`;
      errors[path] ??= issue.message;
    }
  }
  return errors;
}

/** Client-side check of one step, with the schemas the BFF uses. Empty object when it may move on. */
export function validateStep(step: number, values: AidFormValues): AidFieldErrors {
  const parts = candidates(values);
  if (step === 0) return check('child', ChildSchema, parts.child);
  if (step === 1) {
    const errors = check('household', HouseholdSchema, { ...parts.household, situation: values.household.situation });
    if (values.household.annualIncomeYuan.trim() !== '' && parts.household.annualIncomeFen === undefined)
      errors['household.annualIncomeFen'] = '请输入金额（元），最多两位小数';
    return errors;
  }
  if (step === 2) return check('payment', PaymentSchema, parts.payment);
  if (step === CONFIRM_STEP && !values.declarationAccepted) return { declarationAccepted: '请阅读并确认申请承诺' };
  return {};
}

/** Which step shows a field named by the BFF (`child.idNumber`, `body.payment.accountNumber`, `documents`). */
export function stepOfPath(path: string): number {
  const group = path.replace(/^body\./, '').split('.')[0];
  if (group === 'child') return 0;
  if (group === 'household') return 1;
  if (group === 'payment') return 2;
  if (group === 'documents') return DOCUMENTS_STEP;
  return CONFIRM_STEP;
}

/** The path a field error is shown under; the BFF may prefix `body.`. */
export function fieldKey(path: string): string {
  return path.replace(/^body\./, '');
}
