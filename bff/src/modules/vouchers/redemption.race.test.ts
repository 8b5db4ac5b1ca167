/**
 * Redemption at the counter under contention, raced many times over at HTTP level: however
 * many counters confirm one voucher at once, it is redeemed once and counted once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { createOrgTree } from '../../../test/fixtures';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { AccountModel } from '../auth/account.model';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { TrailEventModel } from '../event-trail/trail-event.model';
import {
  clerkSession,
  createMerchant,
  createOffer,
  insertVoucher,
  memberSession,
  requestId,
  type MemberSession,
} from './test-support';
import { VoucherModel, type VoucherDoc } from './voucher.model';

const PARALLEL = 32;
const CLERKS = 4;

let api: TestApi;
let offer: OfferDoc;
let member: MemberSession;
let voucher: VoucherDoc;
let clerks: { token: string; accountId: string }[];

beforeAll(async () => {
  // Thousands of confirmations per clerk: the per-account rate limits are not under test here.
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  const orgs = await createOrgTree();
  const merchant = await createMerchant(orgs.xihuTech);
  offer = await createOffer(merchant);
  member = await memberSession(api, orgs.xihuTech, '张丽华');
  voucher = await insertVoucher(offer, member);
  clerks = [];
  for (let i = 0; i < CLERKS; i++) {
    const token = await clerkSession(api, merchant, `race_clerk_${i}`);
    const account = await AccountModel.findOne({ username: `race_clerk_${i}` }, { _id: 1 }).lean();
    clerks.push({ token, accountId: String(account!._id) });
  }
}, 60_000);
afterAll(() => api.stop());

const redeem = (token: string, lookup: { token?: string; code?: string }, id = requestId()) =>
  api.request('POST', '/api/merchant/redemptions', { token, body: { ...lookup, requestId: id } });

/** The voucher unused again, its offer counting no redemption, and the trial's events removed. */
async function resetVoucher() {
  await Promise.all([
    VoucherModel.updateOne(
      { _id: voucher._id },
      { $set: { status: 'unused', redeemedAt: null, redeemedByAccountId: null, redeemRequestId: null } },
    ),
    OfferModel.updateOne({ _id: offer._id }, { $set: { redeemedCount: 0 } }),
    TrailEventModel.deleteMany({ voucherId: voucher._id }),
  ]);
}

async function outcome() {
  const [stored, counted, events] = await Promise.all([
    VoucherModel.findById(voucher._id).lean(),
    OfferModel.findById(offer._id, { redeemedCount: 1 }).lean(),
    TrailEventModel.countDocuments({ voucherId: voucher._id, kind: 'voucher.redeemed' }),
  ]);
  return { voucher: stored!, redeemedCount: counted!.redeemedCount, events };
}

type Result = ApiResponse | RaceError;
const answers = (results: Result[]) =>
  tally(results, (result) =>
    result instanceof RaceError ? 'error' : result.status === 200 ? 200 : `${result.status} ${result.body.error.code}`,
  );

describe('redeeming one voucher at many counters at once', () => {
  it(
    'redeems it exactly once when 32 confirmations by 4 clerks, scanned and typed, race (200 trials)',
    async () => {
      let qr = '';
      const report = await race({
        trials: 200,
        parallel: PARALLEL,
        reset: async () => {
          await resetVoucher();
          const tokens = await api.request('POST', `/api/benefits/vouchers/${String(voucher._id)}/qr`, {
            token: member.token,
          });
          qr = tokens.body.tokens[0].token;
        },
        attempt: (contender) =>
          redeem(clerks[contender % CLERKS]!.token, contender % 2 ? { token: qr } : { code: voucher.code }),
        check: async (results) => {
          const { voucher: stored, redeemedCount, events } = await outcome();
          const winners = results.filter((result) => !(result instanceof RaceError) && result.status === 200);
          const losersRefused = results.every(
            (result) =>
              !(result instanceof RaceError) &&
              (result.status === 200 ||
                (result.status === 409 && ['already_redeemed', 'conflict'].includes(result.body.error.code))),
          );
          const winnerIndex = results.findIndex((result) => !(result instanceof RaceError) && result.status === 200);
          // The clerk recorded is the one whose confirmation was answered 200.
          const recordedClerk = String(stored.redeemedByAccountId);
          if (
            winners.length === 1 &&
            losersRefused &&
            stored.status === 'used' &&
            redeemedCount === 1 &&
            events === 1 &&
            recordedClerk === clerks[winnerIndex % CLERKS]!.accountId
          )
            return null;
          return `answers ${JSON.stringify(answers(results))}, voucher ${stored.status}, redeemedCount ${redeemedCount}, ${events} events, recorded clerk ${recordedClerk}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    "answers 32 parallel replays of one clerk's request with the same redemption, counted once (150 trials)",
    async () => {
      let id = requestId();
      const report = await race({
        trials: 150,
        parallel: PARALLEL,
        reset: async () => {
          id = requestId();
          await resetVoucher();
        },
        attempt: () => redeem(clerks[0]!.token, { code: voucher.code }, id),
        check: async (results) => {
          const { voucher: stored, redeemedCount, events } = await outcome();
          const allAnswered = results.every((result) => !(result instanceof RaceError) && result.status === 200);
          const sameRedemption = new Set(
            results.map((result) => (result instanceof RaceError ? 'error' : result.body.redeemedAt)),
          );
          if (
            allAnswered &&
            sameRedemption.size === 1 &&
            stored.status === 'used' &&
            stored.redeemRequestId === id &&
            redeemedCount === 1 &&
            events === 1
          )
            return null;
          return `answers ${JSON.stringify(answers(results))}, ${sameRedemption.size} different redemptions, voucher ${stored.status}, redeemedCount ${redeemedCount}, ${events} events`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
