/**
 * Invitation uses under contention, raced many times over at HTTP level: an invitation for U
 * clerks binds exactly U however many bind at once, and one clerk binding many times at once
 * takes one use.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { loginWechat } from '../../../test/fixtures';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { AccountModel } from '../auth/account.model';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { MerchantInvitationModel } from './merchant-invitation.model';
import { catalogueWorld, createMerchantVia, merchantBody, type CatalogueWorld } from './test-support';

const PARALLEL = 32;
const FULL = '该邀请码的使用人数已满，请向工会索取新的邀请码';

let api: TestApi;
let world: CatalogueWorld;
let clerks: { token: string; accountId: Types.ObjectId }[];

beforeAll(async () => {
  // Thousands of binds per account: the per-account rate limit is not under test here.
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  world = await catalogueWorld(api);
  clerks = [];
  for (let i = 0; i < PARALLEL; i++) {
    const openid = `race-clerk-${i}-${new Types.ObjectId().toHexString()}`;
    const { token } = await loginWechat(api, openid);
    const account = await AccountModel.findOne({ openid }, { _id: 1 }).lean();
    clerks.push({ token, accountId: account!._id });
  }
}, 60_000);
afterAll(() => api.stop());

/** A merchant and its invitation: the code, and the stored invitation's id. */
async function invitedMerchant(name: string) {
  const merchant = await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id, { name }));
  const response = await api.request('POST', `/api/admin/merchants/${merchant.id}/invitations`, { token: world.xihu });
  expect(response.status).toBe(200);
  const invitation = await MerchantInvitationModel.findOne({ merchantId: merchant.id }, { _id: 1 }).lean();
  return {
    merchantId: new Types.ObjectId(merchant.id),
    code: response.body.code as string,
    invitationId: invitation!._id,
  };
}

const bind = (token: string, invitationCode: string) =>
  api.request('POST', '/api/merchant/bind', { token, body: { invitationCode } });

/** Every clerk unbound with no grants, the invitation unused (allowing `maxUses`), the trial's events removed. */
async function reset(invitation: { merchantId: Types.ObjectId; invitationId: Types.ObjectId }, maxUses: number) {
  await Promise.all([
    MerchantInvitationModel.updateOne({ _id: invitation.invitationId }, { $set: { uses: 0, maxUses } }),
    AccountModel.updateMany(
      { _id: { $in: clerks.map((clerk) => clerk.accountId) } },
      { $set: { grants: [] }, $unset: { merchantId: 1, merchantBoundAt: 1 } },
    ),
    TrailEventModel.deleteMany({ merchantId: invitation.merchantId, kind: 'merchant.staff_bound' }),
  ]);
}

async function outcome(invitation: { merchantId: Types.ObjectId; invitationId: Types.ObjectId }) {
  const [stored, accounts, events] = await Promise.all([
    MerchantInvitationModel.findById(invitation.invitationId, { uses: 1 }).lean(),
    AccountModel.find({ _id: { $in: clerks.map((clerk) => clerk.accountId) } }, { merchantId: 1, grants: 1 }).lean(),
    TrailEventModel.countDocuments({ merchantId: invitation.merchantId, kind: 'merchant.staff_bound' }),
  ]);
  const bound = accounts.filter((account) => String(account.merchantId) === String(invitation.merchantId));
  // A bound clerk holds exactly one merchant_staff grant; an unbound one none.
  const grantProblems = accounts.filter((account) => {
    const staffGrants = account.grants.filter((grant) => grant.role === 'merchant_staff').length;
    return staffGrants !== (account.merchantId ? 1 : 0);
  }).length;
  return { uses: stored!.uses, bound: bound.map((account) => String(account._id)), grantProblems, events };
}

type Result = ApiResponse | RaceError;
const answers = (results: Result[]) =>
  tally(results, (result) => (result instanceof RaceError ? 'error' : result.status));

describe('binding clerks with one invitation at once', () => {
  it(
    'binds exactly 5 of 32 clerks racing for an invitation for 5, and its uses stop at 5 (200 trials)',
    async () => {
      const invitation = await invitedMerchant('邀请码竞争商家');
      const report = await race({
        trials: 200,
        parallel: PARALLEL,
        reset: () => reset(invitation, 5),
        attempt: (contender) => bind(clerks[contender]!.token, invitation.code),
        check: async (results) => {
          const state = await outcome(invitation);
          const winners = results
            .map((result, contender) =>
              !(result instanceof RaceError) && result.status === 200 ? String(clerks[contender]!.accountId) : null,
            )
            .filter((winner): winner is string => winner !== null);
          const losersToldFull = results.every(
            (result) =>
              !(result instanceof RaceError) &&
              (result.status === 200 || (result.status === 400 && result.body.error.message === FULL)),
          );
          const sameClerks = JSON.stringify(winners.sort()) === JSON.stringify(state.bound.sort());
          if (
            winners.length === 5 &&
            losersToldFull &&
            sameClerks &&
            state.uses === 5 &&
            state.grantProblems === 0 &&
            state.events === 5
          )
            return null;
          return `answers ${JSON.stringify(answers(results))}, uses ${state.uses}, ${state.bound.length} bound (the answered ones: ${sameClerks}), ${state.grantProblems} grant problems, ${state.events} events`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    'binds one clerk once and takes one use when they bind 16 times at once (150 trials)',
    async () => {
      const invitation = await invitedMerchant('重复绑定商家');
      const clerk = clerks[0]!;
      const report = await race({
        trials: 150,
        parallel: 16,
        // Uses enough for every tap, so each takes one and all but the binding one must give theirs back.
        reset: () => reset(invitation, 32),
        attempt: () => bind(clerk.token, invitation.code),
        check: async (results) => {
          const state = await outcome(invitation);
          const allAnswered = results.every((result) => !(result instanceof RaceError) && result.status === 200);
          if (
            allAnswered &&
            state.uses === 1 &&
            JSON.stringify(state.bound) === JSON.stringify([String(clerk.accountId)]) &&
            state.grantProblems === 0 &&
            state.events === 1
          )
            return null;
          return `answers ${JSON.stringify(answers(results))}, uses ${state.uses}, ${state.bound.length} bound, ${state.grantProblems} grant problems, ${state.events} events`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
