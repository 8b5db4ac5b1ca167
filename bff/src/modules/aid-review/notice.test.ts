import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loginStaff } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { AidTimelineModel } from '../aid/aid-timeline.model';
import { settleElapsedNotices } from './notice.service';
import { createAidWorld, DAY_MS, reviewApi, type AidWorld } from './test-support';

let api: TestApi;
let world: AidWorld;
let programmeId: string;

beforeAll(async () => {
  api = await startTestApi();
  world = await createAidWorld(api);
  programmeId = await world.createProgramme({ noticeDays: 3 });
});
afterAll(() => api.stop());

const detail = (token: string, id: string) => reviewApi(api).detail(token, id);
const decide = (token: string, id: string, body: Record<string, unknown>) => reviewApi(api).decide(token, id, body);

/** An application through both review steps, now in its public notice. */
async function inNotice(name: string) {
  const applicant = await world.createApplicant(world.orgs.xihuTech, name);
  const id = await world.apply(applicant, programmeId, { educationLevel: 'postgraduate' });
  const version = (await detail(world.staff.tech, id)).body.version;
  const first = await decide(world.staff.tech, id, { action: 'approve', version });
  const second = await decide(world.staff.xihu, id, { action: 'approve', version: first.body.version });
  return { applicant, id, notice: second };
}

describe('the public notice period', () => {
  it('holds an approved application in notice for the programme’s days, then approves it with the tier amount', async () => {
    const before = Date.now();
    const { applicant, id, notice } = await inNotice('张伟');
    expect(notice.status).toBe(200);
    expect(notice.body.status).toBe('in_notice');
    const endsAt = Date.parse(notice.body.noticeEndsAt);
    expect(endsAt - before).toBeGreaterThanOrEqual(3 * DAY_MS);
    expect(endsAt - Date.now()).toBeLessThanOrEqual(3 * DAY_MS);
    expect(notice.body.timeline.at(-1)).toMatchObject({ action: 'notice_started', actor: '西湖区总工会 审核人员' });

    vi.useFakeTimers({ now: endsAt - 60_000, toFake: ['Date'] });
    try {
      // Three days on, yesterday's access token has long expired.
      const reviewer = await loginStaff(api, 'aid_xihu');
      expect((await detail(reviewer, id)).body.status).toBe('in_notice');
      vi.setSystemTime(endsAt + 1000);
      const after = await detail(reviewer, id);
      expect(after.body).toMatchObject({ status: 'approved', amountFen: 500_000 });
      expect(after.body.timeline.at(-1)).toMatchObject({ action: 'approved', actor: '系统（公示期满）' });
    } finally {
      vi.useRealTimers();
    }
    const inbox = await api.request('GET', '/api/notifications', { token: applicant.token });
    expect(inbox.body.items.map((item: any) => item.title)).toEqual(
      expect.arrayContaining(['助学申请进入公示', '助学申请已批准']),
    );
  });

  it('settles each elapsed notice once, however many sweeps run at the same time', async () => {
    const { id, notice } = await inNotice('李娜');
    const later = new Date(Date.parse(notice.body.noticeEndsAt) + 1000);
    const runtime = api.running.runtime;
    const results = await Promise.all([1, 2, 3].map(() => settleElapsedNotices(runtime, later)));
    expect(results.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(1);
    expect(await AidTimelineModel.countDocuments({ applicationId: id, action: 'approved' })).toBe(1);
    expect((await detail(world.staff.city, id)).body.status).toBe('approved');
  });

  it('lets the office running the programme reject during notice, but not a district reviewer', async () => {
    const { id, notice } = await inNotice('王芳');
    const version = notice.body.version;
    const district = await decide(world.staff.xihu, id, { action: 'reject', note: '公示期间收到举报', version });
    expect(district.status).toBe(403);
    const city = await decide(world.staff.city, id, {
      action: 'reject',
      note: '公示期间收到举报，经核实属实',
      version,
    });
    expect(city.status).toBe(200);
    expect(city.body).toMatchObject({ status: 'rejected', amountFen: null });
    expect(city.body.timeline.at(-1)).toMatchObject({ action: 'rejected', actor: '杭州市总工会 审核人员' });
  });
});
