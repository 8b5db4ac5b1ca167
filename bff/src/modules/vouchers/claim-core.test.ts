import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree } from '../../../test/fixtures';
import type { MerchantDoc } from '../merchants/merchant.model';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { reserveClaim } from './claim-core';
import { ClaimQuotaModel } from './claim-quota.model';
import { createMerchant, createOffer } from './test-support';

let api: TestApi;
let merchant: MerchantDoc;

beforeAll(async () => {
  api = await startTestApi();
  merchant = await createMerchant((await createOrgTree()).xihuTech);
});
afterAll(() => api.stop());

describe('reserveClaim', () => {
  it('never lets parallel first claims of a period exceed the per-member limit', async () => {
    // The race the benchmark caught on the embedded database: five claims at once on a limit of 2,
    // by members whose quota document for the period exists at 0 (a reservation given back after a
    // sold-out or a closed order) or does not exist yet. 30 members of each kind.
    const created = await createOffer(merchant, { stockTotal: 1000, limitPerMember: 2, limitPeriod: 'month' });
    const offer = (await OfferModel.findById(created._id).lean<OfferDoc>())!;
    const members = Array.from({ length: 60 }, () => new Types.ObjectId());
    const { periodKey } = await reserveClaim(offer, members[0]!, new Date(), 'first-claim');
    await ClaimQuotaModel.updateOne({ offerId: offer._id, memberId: members[0] }, { $set: { count: 0 } });
    await OfferModel.updateOne({ _id: offer._id }, { $inc: { stockRemaining: 1 } });
    await ClaimQuotaModel.insertMany(
      members.slice(1, 30).map((memberId) => ({ offerId: offer._id, memberId, periodKey, count: 0 })),
    );
    const outcomes = await Promise.all(
      members.flatMap((memberId) =>
        Array.from({ length: 5 }, () =>
          reserveClaim(offer, memberId, new Date(), randomUUID()).then(
            () => 'reserved',
            (error: { code?: string }) => error.code,
          ),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'reserved')).toHaveLength(120);
    expect(outcomes.filter((outcome) => outcome === 'claim_limit_reached')).toHaveLength(180);
    const quotas = await ClaimQuotaModel.find({ offerId: offer._id }).lean();
    expect(quotas.map((quota) => quota.count)).toEqual(members.map(() => 2));
    expect((await OfferModel.findById(offer._id).lean())!.stockRemaining).toBe(880);
  });
});
