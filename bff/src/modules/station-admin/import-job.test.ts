/**
 * Long sheets are written by a background job: the commit answers at once with the job,
 * the job reports its progress, one office runs one import at a time, a job survives the
 * death of the instance writing it, and a job that keeps failing takes back what it wrote.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Types } from 'mongoose';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff, type OrgTree } from '../../../test/fixtures';
import { createLogger } from '../../logger';
import { AccountModel } from '../auth/account.model';
import type { Actor } from '../auth/actor';
import { OrganizationModel } from '../organizations/organization.model';
import { StationModel } from '../stations/station.model';
import { StationImportJobModel } from './import-job.model';
import { startImportJob } from './import-job.service';
import { IMPORT_BATCH_ROWS, StationImportRunner } from './import-runner';
import { sendBytes, SHEET_HEADERS, XLSX_TYPE, xlsxOf } from './test-support';

const LEASE_MS = 1500;
const DOOMED_LEASE_MS = 8000;
let api: TestApi;
let orgs: OrgTree;
let staff: Record<'xihu' | 'xihu2' | 'binjiang', string>;

beforeAll(async () => {
  api = await startTestApi({
    STATION_INDEX_POLL_MS: '100',
    STATION_IMPORT_POLL_MS: '100',
    STATION_IMPORT_LEASE_MS: String(LEASE_MS),
  });
  orgs = await createOrgTree();
  await createStaff('job_xihu', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('job_xihu2', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('job_binjiang', [{ role: 'union_staff', org: orgs.binjiang }]);
  staff = {
    xihu: await loginStaff(api, 'job_xihu'),
    xihu2: await loginStaff(api, 'job_xihu2'),
    binjiang: await loginStaff(api, 'job_binjiang'),
  };
});
afterAll(() => api.stop());
afterEach(() => vi.restoreAllMocks());

/** A sheet of `count` distinct, valid stations named `${prefix}-n`, spread over 西湖区. */
function sheetOf(prefix: string, count: number, orgOfRow: (index: number) => string = () => '西溪街道总工会') {
  const rows = Array.from({ length: count }, (_, index) => {
    const station: Record<string, string | number> = {
      站点名称: `${prefix}-${index + 1}`,
      站点类型: '户外劳动者服务站点',
      详细地址: `杭州市西湖区文三路 ${index + 1} 号`,
      经度: 120.1 + (index % 50) * 0.001,
      纬度: 30.27 + Math.floor(index / 50) * 0.001,
      所属工会: orgOfRow(index),
      服务设施: '饮水、充电',
      开放时间: '24小时',
    };
    return SHEET_HEADERS.map((header) => station[header] ?? null);
  });
  return xlsxOf([SHEET_HEADERS, ...rows]);
}

function commit(bytes: Uint8Array, token = staff.xihu, fileName = '驿站名单.xlsx') {
  const query = new URLSearchParams({ mode: 'commit', fileName });
  return sendBytes(api, 'POST', `/api/staff/stations/import?${query}`, { token, bytes, contentType: XLSX_TYPE });
}

/** The 西湖区 staff member as the routes see them, for starting a job without the HTTP layer. */
async function xihuStaffActor(): Promise<Actor> {
  const account = await AccountModel.findOne({ username: 'job_xihu' }).lean();
  return {
    accountId: String(account!._id),
    kind: 'staff',
    memberId: null,
    merchantId: null,
    grants: [{ role: 'union_staff', orgId: String(orgs.xihu._id) }],
  };
}

const jobOf = (id: string, token = staff.xihu) =>
  api.request('GET', `/api/staff/stations/import-jobs/${id}`, { token });

/** Polls the job as the staff page does until it ends; returns every state seen. */
async function followJob(id: string, token = staff.xihu) {
  const seen: any[] = [];
  const deadline = Date.now() + 120_000;
  for (;;) {
    const response = await jobOf(id, token);
    expect(response.status).toBe(200);
    seen.push(response.body);
    if (response.body.status === 'done' || response.body.status === 'failed') return seen;
    if (Date.now() > deadline) throw new Error(`import job ${id} did not end: ${JSON.stringify(response.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stations searchable at the first row's spot (each test's sheet puts its row 1 there). */
async function nearbyNames(): Promise<string[]> {
  const found = await api.request('GET', '/api/stations/nearby?lat=30.27&lng=120.1&radius=100');
  expect(found.status).toBe(200);
  return found.body.items.map((item: { name: string }) => item.name);
}

const storedWithPrefix = (prefix: string, extra: Record<string, unknown> = {}) =>
  StationModel.countDocuments({ name: { $regex: `^${prefix}-` }, ...extra });

/** Holds every station insert until released: keeps a job running while a test looks at it. */
function holdInserts() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const realInsertMany = StationModel.insertMany.bind(StationModel);
  vi.spyOn(StationModel, 'insertMany').mockImplementation((async (...args: any[]) => {
    await released;
    return realInsertMany(...(args as [any]));
  }) as any);
  return release;
}

describe('a long sheet is imported in the background', () => {
  it('answers at once with a job whose progress the staff page follows to the final report', async () => {
    const sheet = await sheetOf('后台', 520);
    const release = holdInserts();
    const response = await commit(sheet);
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ mode: 'commit', rows: 520, validRows: 520, problems: [], created: 0 });
    expect(response.body.job).toMatchObject({ total: 520, done: 0, created: 0, fileName: '驿站名单.xlsx' });
    expect(['queued', 'running']).toContain(response.body.job.status);
    release();
    vi.restoreAllMocks();

    const states = await followJob(response.body.job.id);
    const final = states.at(-1);
    expect(final).toMatchObject({ status: 'done', total: 520, done: 520, created: 520, skipped: 0, problems: [] });
    expect(final.finishedAt).not.toBeNull();
    const done = states.map((state) => state.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(await storedWithPrefix('后台', { published: true })).toBe(520);

    expect(await nearbyNames()).toContain('后台-1');
    const recent = await api.request('GET', '/api/staff/stations/import-jobs', { token: staff.xihu2 });
    expect(recent.status).toBe(200);
    expect(recent.body.items[0]).toMatchObject({ id: final.id, status: 'done', created: 520 });

    // The same sheet again: every row is reported as already there, and nothing is written.
    const again = await commit(sheet);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, validRows: 0, job: null });
    expect(again.body.problems).toHaveLength(520);
    expect(
      again.body.problems.every((problem: { message: string }) => problem.message.includes('已有同名同地址')),
    ).toBe(true);
    expect(await storedWithPrefix('后台')).toBe(520);
  });

  it('runs one import per office at a time; the same sheet sent again gets the running job back', async () => {
    const first = await sheetOf('排队甲', 300);
    const second = await sheetOf('排队乙', 300);
    const release = holdInserts();
    const started = await commit(first);
    expect(started.status).toBe(202);
    const jobId = started.body.job.id;

    const retried = await commit(first, staff.xihu2);
    expect(retried.status).toBe(202);
    expect(retried.body.job.id).toBe(jobId);

    const other = await commit(second);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('import_running');
    expect(other.body.error.message).toMatch(/已有一个导入正在进行/);

    // Another office is not held up, and cannot see this office's job.
    expect((await jobOf(jobId, staff.binjiang)).status).toBe(404);
    expect((await jobOf(new Types.ObjectId().toHexString())).status).toBe(404);

    release();
    vi.restoreAllMocks();
    expect((await followJob(jobId)).at(-1)).toMatchObject({ status: 'done', created: 300 });
    expect(await storedWithPrefix('排队甲')).toBe(300);
    expect(await storedWithPrefix('排队乙')).toBe(0);
    const next = await commit(second);
    expect(next.status).toBe(202);
    expect((await followJob(next.body.job.id)).at(-1)).toMatchObject({ status: 'done', created: 300 });
  });

  it('is resumed by another instance when the one writing it dies mid-batch, without duplicates', async () => {
    const actor = await xihuStaffActor();
    // "Instance A": writes the first batch, then freezes before recording its progress.
    const doomed = new StationImportRunner({
      files: api.running.runtime.files,
      logger: createLogger('silent'),
      pollMs: 60_000,
      leaseMs: DOOMED_LEASE_MS,
    });
    const realUpdateOne = StationImportJobModel.updateOne.bind(StationImportJobModel);
    vi.spyOn(StationImportJobModel, 'updateOne').mockImplementation(((filter: any, update: any, ...rest: any[]) => {
      if (filter?.leaseOwner === doomed.owner && update?.$set?.nextRow !== undefined) return new Promise(() => {});
      return realUpdateOne(filter, update, ...rest);
    }) as unknown as typeof StationImportJobModel.updateOne);

    const { job } = await startImportJob(api.running.runtime.files, {
      actor,
      sheet: { bytes: await sheetOf('续传', 400), kind: 'xlsx', fileName: '续传.xlsx' },
      total: 400,
      defaultOrg: null,
      leaseOwner: doomed.owner,
      // Long enough for A to write its batch even on a loaded machine; B waits it out.
      leaseMs: DOOMED_LEASE_MS,
    });
    void doomed.runHeld(job._id);
    await vi.waitFor(async () => expect(await storedWithPrefix('续传')).toBe(IMPORT_BATCH_ROWS), {
      timeout: 30_000,
      interval: 50,
    });
    const midway = await jobOf(String(job._id));
    expect(midway.body).toMatchObject({ status: 'running', done: 0 });

    // This test's server is "instance B": it takes the job over once A's lease has run out.
    const final = (await followJob(String(job._id))).at(-1);
    expect(final).toMatchObject({ status: 'done', total: 400, done: 400, created: 400, skipped: 0 });
    expect(await storedWithPrefix('续传')).toBe(400);
    const stored = await StationModel.find({ name: { $regex: '^续传-' } }, { name: 1, revision: 1 }).lean();
    expect(new Set(stored.map((station) => station.name)).size).toBe(400);
    const reloaded = await StationImportJobModel.findById(job._id).lean();
    expect(reloaded!.claims).toBe(2);
    expect(reloaded!.activeScope).toBeUndefined();
  });

  it('retries a batch that failed once and finishes without duplicates', async () => {
    const realInsertMany = StationModel.insertMany.bind(StationModel);
    let calls = 0;
    vi.spyOn(StationModel, 'insertMany').mockImplementation((async (...args: any[]) => {
      calls += 1;
      if (calls === 2) throw new Error('primary stepped down');
      return realInsertMany(...(args as [any]));
    }) as any);
    const response = await commit(await sheetOf('重试', 330));
    expect(response.status).toBe(202);
    const final = (await followJob(response.body.job.id)).at(-1);
    expect(final).toMatchObject({ status: 'done', done: 330, created: 330 });
    expect(await storedWithPrefix('重试')).toBe(330);
  });

  it('takes back every station it wrote when it keeps failing, and says so', async () => {
    const realInsertMany = StationModel.insertMany.bind(StationModel);
    let calls = 0;
    let searchableMidway = false;
    vi.spyOn(StationModel, 'insertMany').mockImplementation((async (...args: any[]) => {
      calls += 1;
      if (calls === 1) return realInsertMany(...(args as [any]));
      searchableMidway ||= (await nearbyNames()).includes('撤销-1');
      throw new Error('database went away');
    }) as any);
    const response = await commit(await sheetOf('撤销', 300));
    expect(response.status).toBe(202);
    const final = (await followJob(response.body.job.id)).at(-1);
    expect(final).toMatchObject({ status: 'failed', created: IMPORT_BATCH_ROWS });
    expect(final.failure).toMatch(/已全部撤销/);
    expect(searchableMidway).toBe(true);
    vi.restoreAllMocks();

    expect(await storedWithPrefix('撤销', { published: true })).toBe(0);
    expect(await nearbyNames()).not.toContain('撤销-1');
    const listed = await api.request('GET', '/api/staff/stations?q=撤销', { token: staff.xihu });
    expect(listed.body.items).toEqual([]);
    // Nothing is left half-imported: the same sheet can be committed again.
    const again = await commit(await sheetOf('撤销', 300));
    expect(again.status).toBe(202);
    expect((await followJob(again.body.job.id)).at(-1)).toMatchObject({ status: 'done', created: 300 });
  });

  it('writes a small sheet before answering and answers 500 when that fails for good', async () => {
    vi.spyOn(StationModel, 'insertMany').mockRejectedValue(new Error('database went away'));
    const response = await commit(await sheetOf('小表', 5));
    expect(response.status).toBe(500);
    expect(response.body.error).toMatchObject({ code: 'import_failed', message: expect.stringMatching(/已全部撤销/) });
    vi.restoreAllMocks();
    expect(await storedWithPrefix('小表', { published: true })).toBe(0);
    const recent = await api.request('GET', '/api/staff/stations/import-jobs', { token: staff.xihu });
    expect(recent.body.items[0]).toMatchObject({ status: 'failed', total: 5 });
  });

  it('reports, never drops, rows that stopped being valid before the job reached them', async () => {
    const actor = await xihuStaffActor();
    // Every tenth row names 西溪社区联合工会, which is renamed between the check and the writing.
    const bytes = await sheetOf('改名', 300, (index) => (index % 10 === 0 ? '西溪社区联合工会' : '西溪街道总工会'));
    await OrganizationModel.updateOne({ _id: orgs.xihuCommunity._id }, { $set: { name: '西溪社区工会' } });
    try {
      const { job } = await startImportJob(api.running.runtime.files, {
        actor,
        sheet: { bytes, kind: 'xlsx', fileName: '改名.xlsx' },
        total: 300,
        defaultOrg: null,
      });
      const final = (await followJob(String(job._id))).at(-1);
      expect(final).toMatchObject({ status: 'done', total: 300, done: 300, created: 270, skipped: 30 });
      expect(final.problems).toHaveLength(30);
      expect(final.problems[0]).toMatchObject({
        row: 2,
        column: '所属工会',
        message: expect.stringContaining('西溪社区联合工会'),
      });
      expect(await storedWithPrefix('改名')).toBe(270);
    } finally {
      await OrganizationModel.updateOne({ _id: orgs.xihuCommunity._id }, { $set: { name: '西溪社区联合工会' } });
    }
  });
});
