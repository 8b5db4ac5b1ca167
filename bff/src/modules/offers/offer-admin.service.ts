/**
 * Union staff publishing and managing offers. Kind and money are fixed at publication
 * (vouchers copy them, and the settlement relies on them); stock is changed only by a
 * conditional $inc, so a decrease can never take away units already claimed.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  offerMoneyProblems,
  storedOfferMoney,
  type AdminOffer,
  type AdminOfferListQuerySchema,
  type OfferInputSchema,
  type OfferPatchSchema,
} from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { pageById } from '../../db/id-pages';
import { ConflictError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { MerchantModel, type MerchantDoc } from '../merchants/merchant.model';
import { unionStaffActor } from '../merchants/merchants.service';
import { catalogueWrites } from '../merchants/catalogue';
import { merchantForManaging } from '../merchants/policy';
import { recordEvent } from '../event-trail/record';
import { OfferModel, type OfferDoc } from './offer.model';
import { inActorScope, offerForManaging } from './policy';
import { presentAdminOffer } from './presenter';

type OfferInput = z.output<typeof OfferInputSchema>;
type OfferPatch = z.output<typeof OfferPatchSchema>;
type ListQuery = z.output<typeof AdminOfferListQuerySchema>;

/** What the offer stores of its kind and money (the kind's row decides), once consistent. */
function moneyOf(input: OfferInput) {
  const money = storedOfferMoney(input);
  const problems = offerMoneyProblems(money);
  if (problems.length > 0) throw ValidationError(problems);
  return money;
}

export async function createOffer(actor: Actor, input: OfferInput): Promise<OfferDoc> {
  const money = moneyOf(input);
  const merchant = await merchantForManaging(actor, input.merchantId);
  const offer = await catalogueWrites.write((revision) =>
    OfferModel.create({
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
      revision,
      createdByAccountId: new Types.ObjectId(actor.accountId),
    }),
  );
  await recordEvent({
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
  return offer.toObject() as OfferDoc;
}

/** Offers in the actor's scope, newest first, paged by id, as staff see them. */
export async function listManagedOffers(actor: Actor, query: ListQuery) {
  const filter: Record<string, unknown> = inActorScope(actor);
  if (query.merchantId) filter.merchantId = new Types.ObjectId(query.merchantId);
  if (query.status) filter.status = query.status;
  const page = await pageById<OfferDoc>(OfferModel, filter, query);
  return { items: await presentAdminOffers(page.items), nextCursor: page.nextCursor };
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

const offerEnded = () => ConflictError('优惠已结束，不能再修改状态', 'offer_ended');

function assertStatusChange(from: string, to: string | undefined) {
  if (to === undefined || to === from) return;
  if (from === 'ended') throw offerEnded();
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

  const updated = await catalogueWrites.write(async (revision) => {
    const written = await updateIfAndRead(
      OfferModel,
      {
        key: { _id: current._id },
        when: {
          // A decrease only takes units nobody holds: the check and the change are one write.
          ...(stockChange < 0 ? { stockRemaining: { $gte: -stockChange } } : {}),
          // An ended offer stays ended (assertStatusChange): also when another cadre ended it
          // after this edit was checked, e.g. from a page opened before.
          ...('status' in changes ? { status: { $ne: 'ended' } } : {}),
        },
      },
      {
        $set: { ...changes, revision },
        ...(stockChange !== 0 ? { $inc: { stockRemaining: stockChange, stockTotal: stockChange } } : {}),
      },
    );
    if (!written) throw await refusalAfterRace(current);
    return written as OfferDoc;
  });
  await recordChanges(actor, current, updated, changes, stockChange);
  return updated;
}

/** Why the conditional write did not apply: the offer was ended meanwhile, or the stock ran too low. */
async function refusalAfterRace(offer: OfferDoc) {
  const latest = await OfferModel.findById(offer._id, { stockRemaining: 1, status: 1 }).lean();
  if (latest?.status === 'ended') return offerEnded();
  return ConflictError(`剩余库存只有 ${latest?.stockRemaining ?? 0} 张，减少的数量不能超过剩余库存`, 'stock_too_low');
}

/**
 * The audit trail of an edit: what this edit changed (`changes`, not the document read back,
 * which claims and other cadres may already have moved on), and the stock as read back after it.
 */
async function recordChanges(
  actor: Actor,
  before: OfferDoc,
  after: OfferDoc,
  changes: Record<string, unknown>,
  stockChange: number,
) {
  const changed = Object.keys(changes);
  const status = (changes.status as string | undefined) ?? before.status;
  const title = (changes.title as string | undefined) ?? before.title;
  const common = { actor: unionStaffActor(actor), offerId: before._id, merchantId: before.merchantId };
  if (stockChange !== 0) {
    await recordEvent({
      ...common,
      kind: 'offer.stock_changed',
      summary: `${stockChange > 0 ? '增加' : '减少'}库存 ${Math.abs(stockChange)} 张，剩余 ${after.stockRemaining} 张`,
      detail: { change: stockChange, stockTotal: after.stockTotal, stockRemaining: after.stockRemaining },
    });
  }
  if (changed.length > 0) {
    await recordEvent({
      ...common,
      kind: 'offer.updated',
      summary: statusSummary(before.status, status) ?? `修改优惠「${title}」`,
      detail: { changed, ...(before.status !== status ? { from: before.status, to: status } : {}) },
    });
  }
}

function statusSummary(from: string, to: string): string | null {
  if (from === to) return null;
  const labels: Record<string, string> = { active: '上架', paused: '暂停', ended: '结束' };
  return `${labels[to] ?? '修改'}优惠`;
}
