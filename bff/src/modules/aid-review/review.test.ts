import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { startApplication } from '../aid/applications.service';
import { AidApplicationModel } from '../aid/aid-application.model';
import { AidTimelineModel } from '../aid/aid-timeline.model';
import { NotificationModel } from '../notifications/notification.model';
import { CHANGE_REPAIR_AFTER_MS, completePendingChanges } from './change-record';
import { createAidWorld, reviewApi, type AidWorld } from './test-support';

let api: TestApi;
let world: AidWorld;
let programmeId: string;

beforeAll(async () => {
  api = await startTestApi();
  world = await createAidWorld(api);
  programmeId = await world.createProgramme({ noticeDays: 0 });
});
afterAll(() => api.stop());

const detail = (token: string, id: string) => reviewApi(api).detail(token, id);
const decide = (token: string, id: string, body: Record<string, unknown>) => reviewApi(api).decide(token, id, body);
const queue = (token: string, query: Record<string, string> = {}) =>
  api.request('GET', `/api/staff/aid/applications?${new URLSearchParams({ programmeId, ...query })}`, { token });
const versionOf = async (id: string) => (await detail(world.staff.city, id)).body.version as number;

async function freshApplication(name = '张伟', org = world.orgs.xihuTech) {
  const applicant = await world.createApplicant(org, name);
  return { applicant, id: await world.apply(applicant, programmeId) };
}

describe('reviewing tuition aid across union levels', () => {
  it('goes grassroots → district → approved with the tier amount, with a timeline naming roles, not people', async () => {
    const { applicant, id } = await freshApplication();
    const first = await decide(world.staff.tech, id, {
      action: 'approve',
      note: '材料齐全',
      version: await versionOf(id),
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'in_review', currentStep: 1, currentStepLabel: '区总工会复审' });

    const second = await decide(world.staff.xihu, id, { action: 'approve', version: first.body.version });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'approved', currentStep: null, amountFen: 300_050 });

    const actions = second.body.timeline.map((entry: any) => [entry.action, entry.actor, entry.step]);
    expect(actions).toEqual([
      ['created', '申请人', null],
      ['submitted', '申请人', 0],
      ['approved_step', '杭州西溪科技有限公司工会 审核人员', 0],
      ['approved_step', '西湖区总工会 审核人员', 1],
      ['approved', '西湖区总工会 审核人员', null],
    ]);
    expect(second.body.timeline[2].note).toBe('材料齐全');
    expect(JSON.stringify(second.body.timeline)).not.toContain('aid_tech');

    const inbox = await api.request('GET', '/api/notifications', { token: applicant.token });
    expect(inbox.body.items.map((item: any) => item.title)).toEqual(
      expect.arrayContaining(['助学申请已通过本级审核', '助学申请已批准']),
    );
  });

  it('masks the child ID number and the account for reviewers', async () => {
    const { id } = await freshApplication('李娜');
    const seen = await detail(world.staff.tech, id);
    expect(seen.status).toBe(200);
    expect(seen.body.child.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(seen.body.payment.accountNumber).toMatch(/^\*+\d{4}$/);
  });

  it('returns for more material with a note; the resubmitted application comes back to the same step', async () => {
    const { applicant, id } = await freshApplication('王芳');
    const up = await decide(world.staff.tech, id, { action: 'approve', version: await versionOf(id) });
    const returned = await decide(world.staff.xihu, id, {
      action: 'return',
      note: '请补充低保证明',
      version: up.body.version,
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', currentStep: 1 });

    await world.resubmit(applicant, id);
    const back = await detail(world.staff.xihu, id);
    expect(back.body).toMatchObject({ status: 'in_review', currentStep: 1 });
    expect((await queue(world.staff.xihu)).body.items.map((item: any) => item.id)).toContain(id);
    expect((await queue(world.staff.tech)).body.items.map((item: any) => item.id)).not.toContain(id);
  });

  it('tells the applicant what a decision did even when its record is completed after she resubmitted', async () => {
    const { applicant, id } = await freshApplication('周敏');
    const up = await decide(world.staff.tech, id, { action: 'approve', version: await versionOf(id) });
    const returned = await decide(world.staff.xihu, id, {
      action: 'return',
      note: '请补充低保证明',
      version: up.body.version,
    });
    // As if the request had been cut off before recording: its timeline entry and message are not there yet.
    const at = new Date(Date.now() - 2 * CHANGE_REPAIR_AFTER_MS);
    await AidTimelineModel.deleteMany({ applicationId: id, action: 'returned' });
    await NotificationModel.deleteMany({ accountId: applicant.actor.accountId, kind: 'aid_status' });
    await AidApplicationModel.updateOne(
      { _id: id },
      {
        $set: {
          pendingChange: {
            version: returned.body.version,
            status: 'returned',
            at,
            entries: [
              {
                action: 'returned',
                actorAccountId: applicant.actor.accountId,
                actorLabel: '西湖区总工会 审核人员',
                step: 1,
                note: '请补充低保证明',
                at,
              },
            ],
            metrics: [],
          },
        },
      },
    );
    // She resubmits before the repair runs: the application is in review again.
    await world.resubmit(applicant, id);
    await completePendingChanges(api.running.runtime, new Date());
    const titles = (
      await NotificationModel.find({ accountId: applicant.actor.accountId, kind: 'aid_status' }).lean()
    ).map((message) => message.title);
    expect(titles).toContain('助学申请需补充材料');
    expect(titles).not.toContain('助学申请已通过本级审核');
    expect(await AidTimelineModel.countDocuments({ applicationId: id, action: 'returned' })).toBe(1);
  });

  it('refuses to return or reject without a written reason', async () => {
    const { id } = await freshApplication('陈静');
    const version = await versionOf(id);
    for (const action of ['return', 'reject']) {
      const response = await decide(world.staff.tech, id, { action, note: '', version });
      expect(response.status).toBe(400);
      expect(response.body.error.details[0]).toMatchObject({
        path: 'note',
        message: '退回补充材料或不予资助时，请写明原因',
      });
    }
    const rejected = await decide(world.staff.tech, id, { action: 'reject', note: '非本人子女', version });
    expect(rejected.body).toMatchObject({ status: 'rejected', currentStep: null });
  });

  it('answers every illegal transition with 409', async () => {
    const applicant = await world.createApplicant(world.orgs.xihuTech, '赵强');
    const draft = await startApplication(applicant.actor, programmeId, new Date());
    // A draft is the member's own: staff cannot even see it.
    expect((await decide(world.staff.tech, String(draft._id), { action: 'approve', version: 0 })).status).toBe(404);

    const { id } = await freshApplication('孙丽');
    const version = await versionOf(id);
    const rejected = await decide(world.staff.tech, id, { action: 'reject', note: '不符合条件', version });
    for (const action of ['approve', 'return', 'reject']) {
      const again = await decide(world.staff.tech, id, { action, note: '再次处理', version: rejected.body.version });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('illegal_transition');
      expect(again.body.error.message).toContain('不予资助');
    }

    const approved = await freshApplication('周敏');
    const a1 = await decide(world.staff.tech, approved.id, {
      action: 'approve',
      version: await versionOf(approved.id),
    });
    const a2 = await decide(world.staff.xihu, approved.id, { action: 'approve', version: a1.body.version });
    expect(a2.body.status).toBe('approved');
    for (const action of ['approve', 'return']) {
      const again = await decide(world.staff.xihu, approved.id, { action, note: '重复', version: a2.body.version });
      expect(again.status).toBe(409);
    }
  });

  it('lets exactly one of two reviewers acting at once win; the other gets 409 with the new state', async () => {
    const { id } = await freshApplication('吴刚');
    const up = await decide(world.staff.tech, id, { action: 'approve', version: await versionOf(id) });
    const [one, two] = await Promise.all([
      decide(world.staff.xihu, id, { action: 'approve', version: up.body.version }),
      decide(world.staff.xihu2, id, { action: 'reject', note: '收入超标', version: up.body.version }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const loser = one.status === 409 ? one : two;
    const winner = one.status === 200 ? one : two;
    expect(loser.body.error.message).toContain('该申请已被其他审核人员处理，请刷新');
    expect(loser.body.error.details).toContainEqual({ path: 'status', message: winner.body.status });
    const timeline = (await detail(world.staff.xihu, id)).body.timeline;
    expect(timeline.filter((entry: any) => entry.step === 1)).toHaveLength(1);
  });

  it('answers a stale version with 409 and the current state', async () => {
    const { id } = await freshApplication('郑洁');
    const version = await versionOf(id);
    await decide(world.staff.tech, id, { action: 'approve', version });
    const stale = await decide(world.staff.xihu, id, { action: 'approve', version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toContainEqual({ path: 'version', message: String(version + 1) });
  });

  it('tells each reviewer which decisions are theirs now, and none once their step has passed', async () => {
    const { id } = await freshApplication('秦岚');
    const actionsOf = async (token: string) => (await detail(token, id)).body.reviewerActions;
    expect(await actionsOf(world.staff.tech)).toEqual(['approve', 'return', 'reject']);
    expect(await actionsOf(world.staff.xihu)).toEqual([]);
    const approved = await decide(world.staff.tech, id, { action: 'approve', version: await versionOf(id) });
    expect(approved.body.reviewerActions).toEqual([]);
    expect(await actionsOf(world.staff.tech)).toEqual([]);
    expect(await actionsOf(world.staff.xihu)).toEqual(['approve', 'return', 'reject']);
  });

  it('lets staff above the reviewing level see but not act (403), and hides everything from another district (404)', async () => {
    const { id } = await freshApplication('冯军');
    const version = await versionOf(id);
    const district = await decide(world.staff.xihu, id, { action: 'approve', version });
    expect(district.status).toBe(403);
    expect(district.body.error.message).toContain('杭州西溪科技有限公司工会');
    expect((await decide(world.staff.city, id, { action: 'approve', version })).status).toBe(403);
    expect((await detail(world.staff.xixi, id)).status).toBe(200);

    expect((await detail(world.staff.binjiang, id)).status).toBe(404);
    expect((await decide(world.staff.binjiang, id, { action: 'approve', version })).status).toBe(404);
    expect((await queue(world.staff.binjiang)).body.items).toEqual([]);
    expect((await queue(world.staff.binjiang, { status: 'approved' })).body.items).toEqual([]);
    expect((await queue(world.staff.tech, { orgId: world.orgs.binjiangTech.id })).status).toBe(404);
    // A sibling grassroots union is not on the applicant's path.
    expect((await detail(world.staff.community, id)).status).toBe(404);
  });
});

describe('the review queue', () => {
  it('lists only the caller’s own step, oldest first, with filters (the step too) and cursor paging', async () => {
    const programme = await world.createProgramme({ noticeDays: 0 });
    const applicants = await Promise.all(
      ['甲一', '甲二', '甲三'].map((name) => world.createApplicant(world.orgs.xihuCommunity, name)),
    );
    const ids: string[] = [];
    for (const [index, applicant] of applicants.entries()) {
      ids.push(
        await world.apply(applicant, programme, {
          educationLevel: index === 1 ? 'postgraduate' : 'undergraduate',
          hardshipCategory: index === 2 ? 'single_parent' : 'low_income',
        }),
      );
    }
    const list = (token: string, query: Record<string, string> = {}) =>
      api.request('GET', `/api/staff/aid/applications?${new URLSearchParams({ programmeId: programme, ...query })}`, {
        token,
      });

    expect((await list(world.staff.community)).body.items.map((item: any) => item.id)).toEqual(ids);
    expect((await list(world.staff.xihu)).body.items).toEqual([]);

    const firstPage = await list(world.staff.community, { limit: '2' });
    expect(firstPage.body.items.map((item: any) => item.id)).toEqual(ids.slice(0, 2));
    const secondPage = await list(world.staff.community, { limit: '2', cursor: firstPage.body.nextCursor });
    expect(secondPage.body.items.map((item: any) => item.id)).toEqual(ids.slice(2));
    expect(secondPage.body.nextCursor).toBeNull();

    const postgraduate = await list(world.staff.community, { educationLevel: 'postgraduate' });
    expect(postgraduate.body.items.map((item: any) => item.id)).toEqual([ids[1]]);
    const singleParent = await list(world.staff.community, { hardshipCategory: 'single_parent' });
    expect(singleParent.body.items.map((item: any) => item.id)).toEqual([ids[2]]);
    const byOrg = await list(world.staff.xihu, { status: 'in_review', orgId: world.orgs.xihuTech.id });
    expect(byOrg.body.items).toEqual([]);

    const version = (await detail(world.staff.community, ids[0]!)).body.version;
    await decide(world.staff.community, ids[0]!, { action: 'approve', version });
    expect((await list(world.staff.xihu)).body.items.map((item: any) => item.id)).toEqual([ids[0]]);
    expect((await list(world.staff.community)).body.items.map((item: any) => item.id)).toEqual(ids.slice(1));
    expect((await list(world.staff.city, { status: 'in_review' })).body.items).toEqual([]);

    // By step (the workbench opens one): the caller's own step only, another step lists nothing.
    const ofStep = async (token: string, step: string) =>
      (await list(token, { step })).body.items.map((item: any) => item.id);
    expect(await ofStep(world.staff.xihu, '1')).toEqual([ids[0]]);
    expect(await ofStep(world.staff.xihu, '0')).toEqual([]);
    expect(await ofStep(world.staff.community, '0')).toEqual(ids.slice(1));
    expect(await ofStep(world.staff.community, '1')).toEqual([]);
    for (const step of ['4', '-1', 'first']) expect((await list(world.staff.xihu, { step })).status, step).toBe(400);
  });
});
