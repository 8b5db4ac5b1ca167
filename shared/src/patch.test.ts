import { describe, expect, it } from 'vitest';
import { AidDraftSchema } from './contract/aid';
import { MerchantPatchSchema } from './contract/merchants';
import { OfferPatchSchema } from './contract/offers';

describe('change bodies keep what the client left out', () => {
  it('adds no field to a merchant change that names only its status', () => {
    expect(MerchantPatchSchema.parse({ status: 'suspended' })).toEqual({ status: 'suspended' });
  });

  it('does not reset an offer’s audience, notes or description when it is paused', () => {
    expect(OfferPatchSchema.parse({ status: 'paused' })).toEqual({ status: 'paused' });
  });

  it('still checks a field that is sent, and keeps an explicit empty value', () => {
    expect(MerchantPatchSchema.safeParse({ description: 'x'.repeat(301) }).success).toBe(false);
    expect(MerchantPatchSchema.parse({ description: '' })).toEqual({ description: '' });
  });

  it('saves a draft household without blanking the situation written before', () => {
    expect(AidDraftSchema.parse({ household: { members: 3 } })).toEqual({ household: { members: 3 } });
  });
});
