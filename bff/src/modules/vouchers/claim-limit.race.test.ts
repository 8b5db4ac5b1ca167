/**
 * The per-member limit under contention, raced at HTTP level. Each trial takes about half a
 * second by design: a claim refused for the limit first waits (50 + 150 + 300 ms) for a parallel
 * duplicate of itself to finish issuing (claim.service.ts), so this file is kept apart from
 * claim.race.test.ts to keep each under its time budget.
 */
import { Types } from 'mongoose';
import { limitPeriodKey } from '@union/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { race, RACE_TIMEOUT_MS } from '../../../test/race';
import type { ApiResponse } from '../../../test/harness';
import { ClaimQuotaModel } from './claim-quota.model';
import { codes, ok, resetOffer, startClaimRaceWorld, stateOf, status, type ClaimRaceWorld } from './race-support';
import { claim } from './test-support';

const PARALLEL = 32;
let world: ClaimRaceWorld;

beforeAll(async () => {
  world = await startClaimRaceWorld(1);
}, 60_000);
afterAll(() => world.api.stop());

describe('the per-member limit under contention', () => {
  it(
    'gives one member firing 32 parallel claims exactly their limit of 2 (100 trials)',
    async () => {
      const offer = await world.offer({ stockTotal: 100, limitPerMember: 2, limitPeriod: 'month' });
      const member = world.members[0]!;
      const report = await race({
        trials: 100,
        parallel: PARALLEL,
        // Every other trial starts without the member's quota document, so its first insertion is raced too.
        reset: async (trial) => {
          await resetOffer(offer, 100);
          if (trial % 2) {
            await ClaimQuotaModel.create({
              offerId: offer._id,
              memberId: new Types.ObjectId(member.memberId),
              periodKey: limitPeriodKey(offer.limitPeriod as never, new Date()),
              count: 0,
            });
          }
        },
        attempt: () => claim(world.api, member.token, offer._id),
        check: async (results) => {
          const state = await stateOf(offer);
          const refusedOnlyForLimit = results.every(
            (result) =>
              status(result) === 200 ||
              (status(result) === 409 && (result as ApiResponse).body.error.code === 'claim_limit_reached'),
          );
          if (
            ok(results).length === 2 &&
            refusedOnlyForLimit &&
            state.vouchers === 2 &&
            state.stock === 98 &&
            state.quotaProblems === 0
          )
            return null;
          return `answers ${JSON.stringify(codes(results))}, ${state.vouchers} vouchers, stock ${state.stock}, ${state.quotaProblems} quotas off`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
