/**
 * Claiming under contention, raced many times over at HTTP level: the stock and a replayed
 * request each hold however the parallel claims interleave. (The per-member limit: claim-limit.race.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { race, type RaceSpec, RACE_TIMEOUT_MS } from '../../../test/race';
import type { ApiResponse } from '../../../test/harness';
import { codes, ok, resetOffer, startClaimRaceWorld, stateOf, status, type ClaimRaceWorld } from './race-support';
import { claim, requestId } from './test-support';

const PARALLEL = 32;
let world: ClaimRaceWorld;

beforeAll(async () => {
  world = await startClaimRaceWorld(PARALLEL);
}, 120_000);
afterAll(() => world.api.stop());

describe('claiming under contention', () => {
  it(
    'issues exactly 5 vouchers when 32 members race for the last 5, and every quota matches what its member holds (200 trials)',
    async () => {
      const offer = await world.offer({ stockTotal: 5, limitPerMember: 1, limitPeriod: 'month' });
      const spec: RaceSpec<ApiResponse> = {
        trials: 200,
        parallel: PARALLEL,
        reset: () => resetOffer(offer, 5),
        attempt: (contender) => claim(world.api, world.members[contender]!.token, offer._id),
        check: async (results) => {
          const state = await stateOf(offer);
          const winners = ok(results);
          const refusedOnlySoldOut = results.every(
            (result) =>
              status(result) === 200 ||
              (status(result) === 409 && (result as ApiResponse).body.error.code === 'sold_out'),
          );
          const overLimit = [...state.held.values()].filter((count) => count > 1).length;
          if (
            winners.length === 5 &&
            new Set(winners.map((winner) => winner.body.id)).size === 5 &&
            refusedOnlySoldOut &&
            state.vouchers === 5 &&
            state.stock === 0 &&
            overLimit === 0 &&
            state.quotaProblems === 0 &&
            state.claimedEvents === 5
          )
            return null;
          return `answers ${JSON.stringify(codes(results))}, ${state.vouchers} vouchers, stock ${state.stock}, ${overLimit} members over the limit, ${state.quotaProblems} quotas off, ${state.claimedEvents} events`;
        },
      };
      expect((await race(spec)).violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    'issues one voucher, one unit and one quota when the same request is replayed 32 times at once (150 trials)',
    async () => {
      const offer = await world.offer({ stockTotal: 100, limitPerMember: 3, limitPeriod: 'month' });
      const member = world.members[1]!;
      let id = requestId();
      const report = await race({
        trials: 150,
        parallel: PARALLEL,
        reset: async () => {
          id = requestId();
          await resetOffer(offer, 100);
        },
        attempt: () => claim(world.api, member.token, offer._id, id),
        check: async (results) => {
          const state = await stateOf(offer);
          const answered = new Set(ok(results).map((result) => result.body.id));
          if (
            ok(results).length === PARALLEL &&
            answered.size === 1 &&
            state.vouchers === 1 &&
            state.stock === 99 &&
            state.held.get(member.memberId) === 1 &&
            state.quotaProblems === 0 &&
            state.claimedEvents === 1
          )
            return null;
          return `answers ${JSON.stringify(codes(results))} naming ${answered.size} vouchers, ${state.vouchers} stored, stock ${state.stock}, ${state.quotaProblems} quotas off, ${state.claimedEvents} events`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
