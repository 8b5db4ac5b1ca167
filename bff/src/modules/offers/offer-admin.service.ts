/**
 * Union staff publishing and managing offers. Kind and money are fixed at publication
 * (vouchers copy them, and the settlement relies on them); stock is changed only by a
 * conditional $inc, so a decrease can never take away units already claimed.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  isPaidOfferKind,
  offerMoneyProblems,
  UNION_OFFICE_ROLES,
  type AdminOffer,
  type AdminOfferListQuerySchema,
  type OfferInputSchema,
  type OfferKind,
  type OfferPatchSchema,
} from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import { holdsRoleOver, type Actor } from '../auth/actor';
import { MerchantModel, type MerchantDoc } from '../merchants/merchant.model';
import { unionStaffActor } from '../merchants/merchants.service';
import { inActorScope, merchantForManaging } from '../merchants/scope';
import { recordBenefitEvent } from '../vouchers/events';
import { nextCatalogueRevision } from './catalogue-revision';
import { catalogueChanged } from './offer-search';
import { OfferModel, type OfferDoc } from './offer.model';
import { presentAdminOffer } from './presenter';

type OfferInput = z.output<typeof OfferInputSchema>;
type OfferPatch = z.output<typeof OfferPatchSchema>;
type ListQuery = z.output<typeof AdminOfferListQuerySchema>;

export async function offerForManaging(actor: Actor, offerId: string): Promise<OfferDoc> {
  const offer = Types.ObjectId.isValid(offerId) ? await OfferModel.findById(offerId).lean<OfferDoc>() : null;
  if (!offer || !holdsRoleOver(actor, UNION_OFFICE_ROLES, offer.orgPath)) throw NotFoundError('优惠不存在');
  return offer;
}

/** What a coupon or a paid offer stores: a coupon carries no money, a paid offer no coupon terms. */
function moneyOf(input: OfferInput) {
  const kind = input.kind as OfferKind;
  const money = isPaidOfferKind(kind)
    ? { faceValueFen: input.faceValueFen, priceFen: input.priceFen, unionSubsidyFen: input.unionSubsidyFen }
    : { faceValueFen: 0, priceFen: 0, unionSubsidyFen: 0 };
  const coupon = isPaidOfferKind(kind) ? null : input.coupon;
  const problems = offerMoneyProblems({ kind, ...money, coupon });
  if (problems.length > 0) throw ValidationError(problems);
  return { kind, coupon, ...money };
}

export async function createOffer(actor: Actor, input: OfferInput): Promise<OfferDoc> {
  const money = moneyOf(input);
  const merchant = await merchantForManaging(actor, input.merchantId);
  const offer = await OfferModel.create({
    merchantId: merchant._id,
    orgId: merchant.orgId,
    orgPath: merchant.orgPath,
    category: merchant.category,
    ...money,
    title: input.title,
    description: input.description,
    usageNotes: input.usageNotes,
    validFrom: new Date(input.validFrom),
    validUntil: new Date(input.validUntil),
    stockTotal: input.stockTotal,
    stockRemaining: input.stockTotal,
    limitPerMember: input.limitPerMember,
    limitPeriod: input.limitPeriod,
    audience: {
      occupations: [...new Set(input.audience.occupations)],
      hardshipFamiliesOnly: input.audience.hardshipFamiliesOnly,
    },
    status: input.status,
    revision: await nextCatalogueRevision(),
    createdByAccountId: new Types.ObjectId(actor.accountId),
  });
  await recordBenefitEvent({
    kind: 'offer.created',
    actor: unionStaffActor(actor),
    offerId: offer._id,
    merchantId: merchant._id,
    summary: `发布优惠「${input.title}」，库存 ${input.stockTotal} 张`,
    detail: {
      kind: money.kind,
      faceValueFen: money.faceValueFen,
      priceFen: money.priceFen,
      unionSubsidyFen: money.unionSubsidyFen,
    },
  });
  await catalogueChanged();
  return offer.toObject() as OfferDoc;
}

export async function listManagedOffers(actor: Actor, query: ListQuery) {
  const filter: Record<string, unknown> = inActorScope(actor);
  if (query.merchantId) filter.merchantId = new Types.ObjectId(query.merchantId);
  if (query.status) filter.status = query.status;
  if (query.cursor && Types.ObjectId.isValid(query.cursor)) filter._id = { $lt: new Types.ObjectId(query.cursor) };
  const items = await OfferModel.find(filter)
    .sort({ _id: -1 })
    .limit(query.limit + 1)
    .lean<OfferDoc[]>();
  const page = items.slice(0, query.limit);
  return { items: page, nextCursor: items.length > query.limit ? String(page[page.length - 1]!._id) : null };
}

/** Admin views of offers, each with its merchant. */
export async function presentAdminOffers(offers: OfferDoc[]): Promise<AdminOffer[]> {
  if (offers.length === 0) return [];
  const merchants = await MerchantModel.find({ _id: { $in: offers.map((offer) => offer.merchantId) } }).lean<
    MerchantDoc[]
  >();
  const merchantById = new Map(merchants.map((merchant) => [String(merchant._id), merchant]));
  return offers.map((offer) => presentAdminOffer(offer, merchantById.get(String(offer.merchantId))!));
}

export const presentOneAdminOffer = async (offer: OfferDoc) => (await presentAdminOffers([offer]))[0]!;

const EDITABLE_FIELDS = ['title', 'description', 'usageNotes', 'limitPerMember', 'limitPeriod', 'status'] as const;

function assertStatusChange(from: string, to: string | undefined) {
  if (to === undefined || to === from) return;
  if (from === 'ended') throw ConflictError('优惠已结束，不能再修改状态', 'offer_ended');
  if (to === 'draft') throw ConflictError('已发布的优惠不能改回草稿，可以暂停', 'offer_published');
}

/** Texts, validity, limits, audience and status; `stockChange` adds or removes units. */
export async function updateOffer(actor: Actor, offerId: string, patch: OfferPatch): Promise<OfferDoc> {
  const current = await offerForManaging(actor, offerId);
  assertStatusChange(current.status, patch.status);
  const changes: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) {
    if (patch[field] !== undefined && patch[field] !== current[field]) changes[field] = patch[field];
  }
  if (patch.audience) {
    changes.audience = {
      occupations: [...new Set(patch.audience.occupations)],
      hardshipFamiliesOnly: patch.audience.hardshipFamiliesOnly,
    };
  }
  const validFrom = patch.validFrom ? new Date(patch.validFrom) : current.validFrom;
  const validUntil = patch.validUntil ? new Date(patch.validUntil) : current.validUntil;
  if (validUntil.getTime() <= validFrom.getTime()) {
    throw ValidationError([{ path: 'validUntil', message: '结束时间应晚于开始时间' }]);
  }
  if (patch.validFrom) changes.validFrom = validFrom;
  if (patch.validUntil) changes.validUntil = validUntil;
  const stockChange = patch.stockChange ?? 0;
  if (Object.keys(changes).length === 0 && stockChange === 0) return current;

  const updated = await updateIfAndRead(
    OfferModel,
    // A decrease only takes units nobody holds: the check and the change are one write.
    { key: { _id: current._id }, when: stockChange < 0 ? { stockRemaining: { $gte: -stockChange } } : {} },
    {
      $set: { ...changes, revision: await nextCatalogueRevision() },
      ...(stockChange !== 0 ? { $inc: { stockRemaining: stockChange, stockTotal: stockChange } } : {}),
    },
  );
  if (!updated) {
    const latest = await OfferModel.findById(current._id, { stockRemaining: 1 }).lean();
    throw ConflictError(`剩余库存只有 ${latest?.stockRemaining ?? 0} 张，减少的数量不能超过剩余库存`, 'stock_too_low');
  }
  await recordChanges(actor, current, updated as OfferDoc, Object.keys(changes), stockChange);
  await catalogueChanged();
  return updated as OfferDoc;
}

async function recordChanges(actor: Actor, before: OfferDoc, after: OfferDoc, changed: string[], stockChange: number) {
  const common = { actor: unionStaffActor(actor), offerId: before._id, merchantId: before.merchantId };
  if (stockChange !== 0) {
    await recordBenefitEvent({
      ...common,
      kind: 'offer.stock_changed',
      summary: `${stockChange > 0 ? '增加' : '减少'}库存 ${Math.abs(stockChange)} 张，剩余 ${after.stockRemaining} 张`,
      detail: { change: stockChange, stockTotal: after.stockTotal, stockRemaining: after.stockRemaining },
    });
  }
  if (changed.length > 0) {
    await recordBenefitEvent({
      ...common,
      kind: 'offer.updated',
      summary: statusSummary(before.status, after.status) ?? `修改优惠「${after.title}」`,
      detail: { changed, ...(before.status !== after.status ? { from: before.status, to: after.status } : {}) },
    });
  }
}

function statusSummary(from: string, to: string): string | null {
  if (from === to) return null;
  const labels: Record<string, string> = { active: '上架', paused: '暂停', ended: '结束' };
  return `${labels[to] ?? '修改'}优惠`;
}
