/**
 * A BFF instance (a child process on the test's database) ended with requests in flight.
 * SIGKILL in the middle of a stream of coupon claims: every claim that was answered 200 has its
 * voucher, no voucher exists without its unit of stock, and retrying the unanswered claims on
 * another instance gives each request exactly one voucher on the unit its killed attempt held. SIGTERM while uploads sit in the
 * object store: each of them is answered and recorded before the process exits.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AidApplicationModel } from '../src/modules/aid/aid-application.model';
import { boundMember, cityAdmin, createProgramme, PNG } from '../src/modules/aid/test-support';
import { OfferModel } from '../src/modules/offers/offer.model';
import { ClaimQuotaModel } from '../src/modules/vouchers/claim-quota.model';
import { createMerchant, createOffer, memberSession, type MemberSession } from '../src/modules/vouchers/test-support';
import { VoucherModel } from '../src/modules/vouchers/voucher.model';
import { startFakeObjectStore, type FakeObjectStore } from './fake-object-store';
import { createOrgTree, type OrgTree } from './fixtures';
import { startTestApi, type TestApi } from './harness';
import { startOtherInstance, type OtherInstance } from './instances';

const ENV = { RATE_LIMIT_SCALE: '100' };

let api: TestApi;
let orgs: OrgTree;
const children: OtherInstance[] = [];

beforeAll(async () => {
  api = await startTestApi(ENV);
  orgs = await createOrgTree();
}, 60_000);
afterAll(async () => {
  await Promise.all(children.map((child) => child.stop()));
  await api.stop();
});

async function startChild(env: Record<string, string> = {}) {
  const child = await startOtherInstance({ ...ENV, ...env });
  children.push(child);
  return child;
}

async function until(condition: () => Promise<boolean> | boolean, what: string) {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

interface ClaimOutcome {
  member: MemberSession;
  requestId: string;
  status: number | null;
  voucherId?: string;
}

async function claimAt(base: string, offerId: string, member: MemberSession, requestId: string): Promise<ClaimOutcome> {
  try {
    const response = await fetch(`${base}/api/benefits/offers/${offerId}/claims`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${member.token}` },
      body: JSON.stringify({ requestId }),
    });
    const body = (await response.json()) as { id?: string };
    return { member, requestId, status: response.status, voucherId: body.id };
  } catch {
    // The instance died before answering: the member's app would retry with the same requestId.
    return { member, requestId, status: null };
  }
}

describe('an instance killed (SIGKILL) in the middle of a stream of claims', () => {
  it('loses no answered claim, issues no voucher without its stock, and retries resume their units exactly once', async () => {
    const STOCK = 1000;
    const offer = await createOffer(await createMerchant(orgs.xihuTech, '拱墅便民超市'), {
      stockTotal: STOCK,
      limitPerMember: 500,
    });
    const offerId = String(offer._id);
    const members: MemberSession[] = [];
    for (let n = 0; n < 6; n += 1) members.push(await memberSession(api, orgs.xihuTech, `会员${n}`));
    const child = await startChild();

    // Each member claims again and again, one request at a time, until the instance is gone.
    const outcomes: ClaimOutcome[] = [];
    let dead = false;
    const streams = members.map(async (member) => {
      while (!dead) {
        const outcome = await claimAt(child.url, offerId, member, randomUUID());
        outcomes.push(outcome);
        if (outcome.status === null) return;
      }
    });
    await until(() => outcomes.filter((outcome) => outcome.status === 200).length >= 40, '40 claims answered');
    const ended = await child.kill('SIGKILL');
    dead = true;
    await Promise.all(streams);
    expect(ended.signal).toBe('SIGKILL');

    const answered = outcomes.filter((outcome) => outcome.status === 200);
    const unanswered = outcomes.filter((outcome) => outcome.status === null);
    expect(outcomes.every((outcome) => outcome.status === 200 || outcome.status === null)).toBe(true);
    // Every acknowledged claim has its voucher, for that member and request.
    const vouchers = await VoucherModel.find({ offerId: offer._id }).lean().exec();
    const byId = new Map(vouchers.map((voucher) => [String(voucher._id), voucher]));
    for (const { member, requestId, voucherId } of answered) {
      expect(byId.get(voucherId!)?.issueKey).toBe(`claim:${member.memberId}:${requestId}`);
    }
    // No voucher without its unit of stock and its place in the member's quota. (The reverse can
    // happen until the retries: a claim killed before its voucher was written leaves its unit
    // held under its request's key, at most one per claim in flight.)
    const afterKill = await OfferModel.findById(offer._id).lean().exec();
    const taken = STOCK - afterKill!.stockRemaining;
    expect(vouchers.length).toBeLessThanOrEqual(taken);
    expect(taken - vouchers.length).toBeLessThanOrEqual(unanswered.length);
    for (const member of members) {
      const quota = await ClaimQuotaModel.findOne({ offerId: offer._id, memberId: member.memberId }).lean().exec();
      const held = vouchers.filter((voucher) => String(voucher.memberId) === member.memberId).length;
      expect(quota?.count ?? 0).toBeGreaterThanOrEqual(held);
    }

    // The members' apps retry the unanswered claims (same requestId) on a surviving instance.
    const retried = await Promise.all(
      unanswered.map(({ member, requestId }) => claimAt(api.url, offerId, member, requestId)),
    );
    expect(retried.map((outcome) => outcome.status)).toEqual(unanswered.map(() => 200));
    const final = await VoucherModel.find({ offerId: offer._id }).lean().exec();
    expect(final).toHaveLength(answered.length + unanswered.length);
    expect(new Set(final.map((voucher) => voucher.issueKey)).size).toBe(final.length);
    // Each retry resumed the unit its killed attempt held: nothing lost, nothing held any more.
    const settled = await OfferModel.findById(offer._id).lean().exec();
    expect(STOCK - settled!.stockRemaining).toBe(final.length);
    expect(settled!.held).toBe(0);
    for (const member of members) {
      const quota = await ClaimQuotaModel.findOne({ offerId: offer._id, memberId: member.memberId }).lean().exec();
      expect(quota?.count ?? 0).toBe(final.filter((voucher) => String(voucher.memberId) === member.memberId).length);
    }
  }, 120_000);
});

describe('an instance stopped (SIGTERM) while uploads are in flight', () => {
  let store: FakeObjectStore;
  afterAll(() => store?.stop());

  it('answers every upload it had taken, records each, then exits cleanly', async () => {
    store = await startFakeObjectStore();
    const child = await startChild(store.env(60000));
    const programmeId = await createProgramme(api, await cityAdmin(api, orgs), orgs.city.id);
    const applicants = [];
    for (const name of ['李明', '张华', '刘洋', '陈静', '杨帆'])
      applicants.push(await boundMember(api, orgs.xihuTech, { name }));
    const applications = await Promise.all(
      applicants.map(async (member) => {
        const started = await api.request('POST', '/api/aid/applications', {
          token: member.token,
          body: { programmeId },
        });
        return { member, id: started.body.id as string };
      }),
    );

    // Every upload is inside the instance, waiting on the store, when the signal comes.
    store.holdUploads();
    const uploads = applications.map(({ member, id }) =>
      fetch(`${child.url}/api/aid/applications/${id}/documents?kind=admission_letter`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${member.token}`, 'Content-Type': 'image/png' },
        body: PNG,
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as any })),
    );
    await until(() => store.heldUploads() === applications.length, 'all uploads waiting on the store');
    const ended = child.kill('SIGTERM');
    // Once it no longer takes connections, the shutdown is under way with the uploads in flight.
    await until(
      () =>
        fetch(`${child.url}/healthz`).then(
          () => false,
          () => true,
        ),
      'the instance stopped listening',
    );
    store.releaseUploads();

    const answers = await Promise.all(uploads);
    expect(answers.map((answer) => answer.status)).toEqual(applications.map(() => 200));
    expect(await ended).toEqual({ code: 0, signal: null });
    for (const { id } of applications) {
      const application = await AidApplicationModel.findById(id).lean().exec();
      expect(application!.documents).toHaveLength(1);
      expect(store.objects.has(application!.documents[0]!.fileKey!)).toBe(true);
    }
  }, 120_000);
});
