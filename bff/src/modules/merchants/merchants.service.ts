/** Union staff managing merchants: list, sign, edit, suspend and resume. */
import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  MERCHANT_CATEGORY_LABELS,
  type AdminMerchant,
  type AdminMerchantListQuerySchema,
  type MerchantCategory,
  type MerchantInputSchema,
  type MerchantPatchSchema,
} from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { pageById } from '../../db/id-pages';
import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { recordEvent, type EventActor } from '../event-trail/record';
import { MerchantModel, type MerchantDoc } from './merchant.model';
import { catalogueHooks, catalogueWrites } from './catalogue';
import { needsClerkFilter } from './clerk-todo';
import { inActorScope, merchantForManaging, organizationForMerchants } from './policy';
import { presentAdminMerchants } from './presenter';

type ListQuery = z.output<typeof AdminMerchantListQuerySchema>;
type MerchantInput = z.output<typeof MerchantInputSchema>;
type MerchantPatch = z.output<typeof MerchantPatchSchema>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How union staff appear in the benefit audit trail. */
export const unionStaffActor = (actor: Actor): EventActor => ({
  kind: 'union_staff',
  accountId: actor.accountId,
  label: '工会工作人员',
});

/**
 * Merchants in the actor's scope, newest first, paged by id, as staff see them; `needsClerk`
 * narrows them to the workbench's 商户邀请待处理 queue (clerk-todo.ts: needsClerkFilter).
 */
export async function listManagedMerchants(
  actor: Actor,
  query: ListQuery,
  now: Date,
): Promise<{ items: AdminMerchant[]; nextCursor: string | null }> {
  const filter: Record<string, unknown> = inActorScope(actor);
  if (query.q) filter.name = { $regex: escapeRegExp(query.q) };
  if (query.category) filter.category = query.category;
  if (query.status) filter.status = query.status;
  // Beside the other conditions, not merged into them: a status asked for must still hold.
  const narrowed = query.needsClerk ? { $and: [filter, await needsClerkFilter(actor, now)] } : filter;
  const page = await pageById<MerchantDoc>(MerchantModel, narrowed, query);
  return { items: await presentAdminMerchants(page.items, now), nextCursor: page.nextCursor };
}

export async function createMerchant(actor: Actor, input: MerchantInput): Promise<MerchantDoc> {
  const org = await organizationForMerchants(actor, input.orgId);
  const merchant = await catalogueWrites.write((revision) =>
    MerchantModel.create({
      name: input.name,
      category: input.category,
      address: input.address,
      location: { lat: input.location.lat, lng: input.location.lng },
      phone: input.phone,
      description: input.description,
      orgId: org._id,
      orgPath: org.path,
      status: 'active',
      revision,
      createdByAccountId: new Types.ObjectId(actor.accountId),
    }),
  );
  await recordEvent({
    kind: 'merchant.created',
    actor: unionStaffActor(actor),
    merchantId: merchant._id,
    summary: `签约商家 ${input.name}（${MERCHANT_CATEGORY_LABELS[input.category]}）`,
  });
  return merchant.toObject() as MerchantDoc;
}

/** Edits the merchant's details, or suspends / resumes the partnership (`status`). */
export async function updateMerchant(actor: Actor, merchantId: string, patch: MerchantPatch): Promise<MerchantDoc> {
  const current = await merchantForManaging(actor, merchantId);
  const changes: Record<string, unknown> = {};
  for (const field of ['name', 'category', 'address', 'phone', 'description', 'status'] as const) {
    if (patch[field] !== undefined && patch[field] !== current[field]) changes[field] = patch[field];
  }
  if (patch.location && (patch.location.lat !== current.location.lat || patch.location.lng !== current.location.lng)) {
    changes.location = { lat: patch.location.lat, lng: patch.location.lng };
  }
  if (Object.keys(changes).length === 0) return current;
  const updated = await catalogueWrites.write(async (revision) => {
    // Conditional on the scope just checked, so a concurrent move cannot widen who edited it.
    const written = await updateIfAndRead(
      MerchantModel,
      { key: { _id: current._id }, when: { orgId: current.orgId } },
      { $set: { ...changes, revision } },
    );
    if (!written) throw NotFoundError('商家不存在');
    if (changes.category) {
      await catalogueHooks().merchantCategoryChanged(current._id, changes.category as MerchantCategory, revision);
    }
    return written;
  });
  await recordEvent({
    kind: 'merchant.updated',
    actor: unionStaffActor(actor),
    merchantId: current._id,
    summary: updateSummary(current, changes),
    detail: { changed: Object.keys(changes) },
  });
  return updated as MerchantDoc;
}

function updateSummary(current: MerchantDoc, changes: Record<string, unknown>): string {
  if (changes.status === 'suspended') return `暂停与 ${current.name} 的合作`;
  if (changes.status === 'active') return `恢复与 ${current.name} 的合作`;
  return `修改商家 ${current.name} 的信息`;
}
