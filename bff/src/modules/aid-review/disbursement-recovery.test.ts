import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { AidApplicationModel } from '../aid/aid-application.model';
import { AidDisbursementBatchModel } from './disbursement-batch.model';
import { recoverStuckDisbursements } from './disbursement-recovery';
import { approvedApplication, crashedBatch as crashedBatchOf, createAidWorld, type AidWorld } from './test-support';

let api: TestApi;
let world: AidWorld;
let programmeId: string;

beforeAll(async () => {
  api = await startTestApi();
  world = await createAidWorld(api);
  programmeId = await world.createProgramme({ noticeDays: 0 });
});
afterAll(() => api.stop());

const MINUTE_MS = 60_000;
const detail = (id: string) => api.request('GET', `/api/staff/aid/applications/${id}`, { token: world.staff.city });
const disburse = (applicationIds: string[], requestId: string) =>
  api.request('POST', '/api/staff/aid/disbursements', {
    token: world.staff.city,
    body: { programmeId, applicationIds, paidOn: '2026-09-01', reference: 'GH-2026-0901', requestId },
  });
const history = (token: string, programme = programmeId) =>
  api.request('GET', `/api/staff/aid/programmes/${programme}/disbursements`, { token });

const approved = (name: string) => approvedApplication(api, world, programmeId, name);
const crashedBatch = (requestId: string, ids: string[], moved: string[], ageMs: number) =>
  crashedBatchOf(programmeId, requestId, ids, moved, ageMs);

const statusOf = async (id: string) => (await detail(id)).body.status;

describe('a payment run interrupted by a crash', () => {
  it('is undone when only part of it was moved, and the retry with the same request id then records it once', async () => {
    const one = await approved('孔明');
    const two = await approved('曹操');
    const stuckId = await crashedBatch('req-crash-half', [one.id, two.id], [one.id], 5 * MINUTE_MS);
    expect(await statusOf(one.id)).toBe('disbursed');

    const retried = await disburse([one.id, two.id], 'req-crash-half');
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ applicationCount: 2 });
    expect(retried.body.id).not.toBe(String(stuckId));
    expect(await statusOf(one.id)).toBe('disbursed');
    expect(await statusOf(two.id)).toBe('disbursed');
    const paidTo = await AidApplicationModel.find({ _id: { $in: [one.id, two.id] } }).lean();
    expect(paidTo.map((application) => String(application.disbursementBatchId))).toEqual([
      retried.body.id,
      retried.body.id,
    ]);
    expect((await AidDisbursementBatchModel.findById(stuckId).lean())?.state).toBe('failed');

    const again = await disburse([one.id, two.id], 'req-crash-half');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(retried.body.id);
    expect(
      await AidDisbursementBatchModel.countDocuments({ programmeId, state: 'done', requestId: 'req-crash-half' }),
    ).toBe(1);
    const timeline = (await detail(one.id)).body.timeline.filter(
      (entry: { action: string }) => entry.action === 'disbursed',
    );
    expect(timeline).toHaveLength(1);
  });

  it('is completed at start-up when every application was moved, and tells each applicant once', async () => {
    const one = await approved('刘备');
    const two = await approved('关羽');
    const stuckId = await crashedBatch('req-crash-full', [one.id, two.id], [one.id, two.id], 5 * MINUTE_MS);

    expect(await recoverStuckDisbursements(api.running.runtime, new Date())).toBeGreaterThanOrEqual(1);
    expect(await recoverStuckDisbursements(api.running.runtime, new Date())).toBe(0);
    expect((await AidDisbursementBatchModel.findById(stuckId).lean())?.state).toBe('done');
    for (const { id, applicant } of [one, two]) {
      const seen = (await detail(id)).body;
      expect(seen).toMatchObject({ status: 'disbursed', disbursement: { reference: 'GH-2026-0901' } });
      expect(seen.timeline.filter((entry: { action: string }) => entry.action === 'disbursed')).toHaveLength(1);
      const inbox = await api.request('GET', '/api/notifications', { token: applicant.token });
      expect(inbox.body.items.filter((item: { title: string }) => item.title === '助学金已发放')).toHaveLength(1);
    }
    const retried = await disburse([one.id, two.id], 'req-crash-full');
    expect(retried.body.id).toBe(String(stuckId));
  });

  it('is rolled back at start-up when partly moved, leaving every application payable again', async () => {
    const one = await approved('张飞');
    const two = await approved('赵云');
    const stuckId = await crashedBatch('req-crash-startup', [one.id, two.id], [two.id], 5 * MINUTE_MS);
    await recoverStuckDisbursements(api.running.runtime, new Date());
    await recoverStuckDisbursements(api.running.runtime, new Date());
    expect(await statusOf(one.id)).toBe('approved');
    expect(await statusOf(two.id)).toBe('approved');
    expect((await AidDisbursementBatchModel.findById(stuckId).lean())?.state).toBe('failed');
  });

  it('is left alone while young, since a live request may still be recording it', async () => {
    const one = await approved('马超');
    const two = await approved('黄忠');
    await crashedBatch('req-crash-young', [one.id, two.id], [one.id], 10_000);
    await recoverStuckDisbursements(api.running.runtime, new Date());
    expect(await statusOf(one.id)).toBe('disbursed');
    const retried = await disburse([one.id, two.id], 'req-crash-young');
    expect(retried.status).toBe(409);
    expect(retried.body.error.message).toBe('这批发放正在登记中，请稍后刷新查看');
  });
});

describe('the list of past payment runs', () => {
  it('shows the recorded batches newest first, to the offices that pay the programme only', async () => {
    const programme = await world.createProgramme({ noticeDays: 0 });
    const before = (await history(world.staff.city, programme)).body;
    expect(before).toEqual({ items: [] });

    const one = await approved('魏延');
    const two = await approved('姜维');
    const first = await disburse([one.id], 'req-list-first');
    const second = await disburse([two.id], 'req-list-second');
    const listed = await history(world.staff.city);
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(second.body.id)).toBeLessThan(ids.indexOf(first.body.id));
    expect(ids.indexOf(first.body.id)).toBeGreaterThanOrEqual(0);
    expect(listed.body.items.find((item: { id: string }) => item.id === first.body.id)).toEqual(first.body);

    // Street unions review but do not pay; a district sees the batches holding its own applicants.
    expect((await history(world.staff.xixi)).status).toBe(403);
    expect((await history(world.staff.xihu)).status).toBe(200);
    expect((await history(world.staff.xihu, new Types.ObjectId().toHexString())).status).toBe(404);
  });
});
