/**
 * `pnpm figures:rebuild`: the command line is checked before anything is touched, and the
 * command, run as its own process against the service's database, recomputes counters nobody
 * marked (records written behind the service's back) to what a brute-force count gives.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mongoose, { Types } from 'mongoose';
import { chinaDateOf, chinaDayRange, DAY_MS } from '@union/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { connectModules } from '../../connect-modules';
import { createStation } from '../station-visits/visit-fixtures';
import { StationCheckInModel } from '../station-visits/visit.model';
import { FigureCounterModel } from './counter.model';
import { parseRebuildArgs } from './rebuild-command';
import { storedCounterDays } from './test-support';

const run = promisify(execFile);
const bffDir = fileURLToPath(new URL('../../..', import.meta.url));
const NOW = new Date('2026-03-10T04:00:00Z');

describe('the command line', () => {
  beforeAll(() => connectModules());
  const problems = (argv: string[]) => {
    const parsed = parseRebuildArgs(argv, NOW);
    return 'problems' in parsed ? parsed.problems : [];
  };

  it('defaults to every metric from the first record to the end of today (China)', () => {
    const parsed = parseRebuildArgs([], NOW);
    expect('plan' in parsed && parsed.plan.range).toEqual({ from: new Date(0), to: chinaDayRange('2026-03-10').end });
    expect('plan' in parsed && parsed.plan.metrics).toContain('stations.visits');
  });

  it('takes China days, both ends included, and named metrics', () => {
    const parsed = parseRebuildArgs(['--from', '2025-01-01', '--to', '2025-12-31', '--metric', 'members.joined'], NOW);
    expect('plan' in parsed && parsed.plan).toEqual({
      range: { from: chinaDayRange('2025-01-01').start, to: chinaDayRange('2025-12-31').end },
      metrics: ['members.joined'],
    });
  });

  it('names every problem', () => {
    expect(problems(['--from', '2025-13-01'])).toEqual(['--from：日期格式应为 YYYY-MM-DD']);
    expect(problems(['--from', '2025-02-01', '--to', '2025-01-01'])).toEqual(['--to：结束日期不能早于开始日期']);
    expect(problems(['--metric', 'members.quit'])).toEqual(['--metric：没有名为 members.quit 的指标']);
    expect(problems(['--year', '2025', '--to'])).toEqual(['不认识的参数：--year', '--to 后面缺少取值']);
  });
});

describe('the command', () => {
  let api: TestApi;
  let orgs: OrgTree;
  let uri: string;
  const rebuild = (args: string[], env: Record<string, string | undefined> = { MONGODB_URI: uri }) =>
    run('node', ['--import', 'tsx', 'src/rebuild-figures.ts', ...args], {
      cwd: bffDir,
      env: { ...process.env, MONGODB_URI: undefined, ...env },
    }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, out: error.stderr }),
    );

  beforeAll(async () => {
    api = await startTestApi();
    orgs = await createOrgTree();
    // The database the service uses, named in the URI as an operator would.
    const address = new URL(inject('mongoUri'));
    address.pathname = `/${mongoose.connection.name}`;
    uri = address.toString();
  });
  afterAll(() => api.stop());

  it('refuses to run without a database or with a bad range, and writes nothing', async () => {
    expect(await rebuild([], {})).toMatchObject({ code: 78, out: expect.stringContaining('未设置 MONGODB_URI') });
    expect(await rebuild(['--to', 'yesterday'])).toMatchObject({
      code: 64,
      out: expect.stringContaining('--to：日期格式应为 YYYY-MM-DD'),
    });
    expect(await FigureCounterModel.countDocuments()).toBe(0);
  });

  it('recounts visits written behind the service’s back to what the records say', async () => {
    const xixi = await createStation(orgs.xixi, '西溪驿站');
    const xixing = await createStation(orgs.xixing, '西兴驿站');
    const visits = [
      [xixi.id, 3],
      [xixi.id, 3],
      [xixi.id, 40],
      [xixing.id, 3],
    ] as const;
    for (const [stationId, daysAgo] of visits) {
      await StationCheckInModel.create({
        stationId,
        accountId: new Types.ObjectId(),
        counted: true,
        at: new Date(Date.now() - daysAgo * DAY_MS),
      });
    }
    expect((await storedCounterDays('stations.visits')).size).toBe(0);

    const answer = await rebuild(['--metric', 'stations.visits']);
    expect(answer.code, answer.out).toBe(0);
    expect(answer.out).toContain('已重算 1 个指标');

    const day = (daysAgo: number) => chinaDateOf(Date.now() - daysAgo * DAY_MS);
    expect(Object.fromEntries(await storedCounterDays('stations.visits'))).toEqual({
      [`stations.visits|${orgs.xixi.id}|${day(3)}|${xixi.id}`]: 2,
      [`stations.visits|${orgs.xixi.id}|${day(40)}|${xixi.id}`]: 1,
      [`stations.visits|${orgs.xixing.id}|${day(3)}|${xixing.id}`]: 1,
    });
  });
});
