/**
 * The merchant form's state and its translation to the contract. Coordinates stay text
 * (typed in H5, filled by the map picker in weapp) until checked with the BFF's own schema.
 */
import {
  MerchantInputSchema,
  MerchantPatchSchema,
  type AdminMerchant,
  type MerchantCategory,
  type MerchantInput,
} from '@union/shared';
import type { MerchantPatch } from '../../services/benefit-admin';
import { fieldErrorsFromZod, type FieldErrors } from '../../utils/form-errors';

export interface MerchantDraft {
  name: string;
  category: MerchantCategory | '';
  address: string;
  lat: string;
  lng: string;
  phone: string;
  description: string;
  orgId: string;
}

export type DraftErrors = FieldErrors<keyof MerchantDraft | 'location'>;

export function emptyDraft(orgId: string): MerchantDraft {
  return { name: '', category: '', address: '', lat: '', lng: '', phone: '', description: '', orgId };
}

export function draftFromMerchant(merchant: AdminMerchant): MerchantDraft {
  return {
    name: merchant.name,
    category: merchant.category,
    address: merchant.address,
    lat: String(merchant.location.lat),
    lng: String(merchant.location.lng),
    phone: merchant.phone,
    description: merchant.description,
    orgId: merchant.orgId,
  };
}

function coordinate(text: string): number {
  const trimmed = text.trim();
  return trimmed ? Number(trimmed) : Number.NaN;
}

/** What the schemas see: a category not chosen yet is left out so its own message shows. */
function candidate(draft: MerchantDraft) {
  const { lat, lng, category, ...rest } = draft;
  return {
    ...rest,
    ...(category ? { category } : {}),
    location: { lat: coordinate(lat), lng: coordinate(lng) },
  };
}

function withLocationHint(errors: DraftErrors, draft: MerchantDraft): DraftErrors {
  if (!draft.lat.trim() || !draft.lng.trim()) return { ...errors, location: '请在地图上选择位置，或填写经纬度' };
  return errors;
}

export function checkNewMerchant(draft: MerchantDraft): { input: MerchantInput } | { errors: DraftErrors } {
  const parsed = MerchantInputSchema.safeParse(candidate(draft));
  const errors: DraftErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
  if (!draft.orgId) errors.orgId = '请选择签约工会';
  const all = withLocationHint(errors, draft);
  if (!parsed.success || Object.keys(all).length > 0) return { errors: all };
  return { input: parsed.data };
}

/** Every editable field is sent: the form shows the whole merchant, and the organisation cannot move. */
export function checkMerchantChanges(draft: MerchantDraft): { patch: MerchantPatch } | { errors: DraftErrors } {
  const { orgId: _orgId, ...editable } = candidate(draft);
  const parsed = MerchantPatchSchema.safeParse(editable);
  const errors = withLocationHint(parsed.success ? {} : fieldErrorsFromZod(parsed.error), draft);
  // Optional in a patch, but a merchant always has a category.
  if (!draft.category) errors.category = '请选择商家类别';
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  return { patch: parsed.data };
}
