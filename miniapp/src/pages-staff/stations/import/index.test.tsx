import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import { DISTRICT_ORG, signInAs, STREET_ORG, unionStaff } from '../../../../test/staff-fixtures';
import { queryOf } from '../../../../test/station-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import type { StationImportJob, StationImportResult } from '../../../services/stations';
import StationImportPage from './index';

const BAD_SHEET_REPORT: StationImportResult = {
  mode: 'dry-run',
  rows: 3,
  validRows: 1,
  problems: [
    { row: 2, column: '纬度', message: '纬度应在 -90 到 90 之间' },
    { row: 3, column: '服务设施', message: '未知的服务设施“桑拿”' },
  ],
  created: 0,
  job: null,
};

function jobState(overrides: Partial<StationImportJob> = {}): StationImportJob {
  return {
    id: '65a1b2c3d4e5f60718293a4b',
    status: 'running',
    fileName: '全市驿站.xlsx',
    total: 1200,
    done: 0,
    created: 0,
    skipped: 0,
    problems: [],
    failure: null,
    createdBy: '65a1b2c3d4e5f60718293a4c',
    createdAt: '2026-12-03T08:00:00.000Z',
    startedAt: '2026-12-03T08:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

interface ImportCall {
  query: Record<string, string>;
  contentType?: string;
  body: unknown;
}

/** Serves the import endpoint: sheets named bad.* have problems, others are clean. */
function serveImport() {
  const calls: ImportCall[] = [];
  taroTest.respondWith(({ method, path, query, contentType, body }) => {
    if (method === 'GET' && path === '/api/staff/stations/import-jobs') return { statusCode: 200, data: { items: [] } };
    if (method !== 'POST' || path !== '/api/staff/stations/import') return { statusCode: 404, data: null };
    const parsed = queryOf(query);
    calls.push({ query: parsed, contentType, body });
    const name = body instanceof File ? body.name : 'clean';
    if (name.startsWith('bad')) return { statusCode: 200, data: BAD_SHEET_REPORT };
    const clean: StationImportResult = { mode: 'dry-run', rows: 2, validRows: 2, problems: [], created: 0, job: null };
    if (parsed.mode !== 'commit') return { statusCode: 200, data: clean };
    const job = jobState({ status: 'done', total: 2, done: 2, created: 2 });
    return { statusCode: 200, data: { ...clean, mode: 'commit', created: 2, job } };
  });
  return calls;
}

function chooseFile(name: string, type = '') {
  const file = new File(['名称,地址\n'], name, { type });
  fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
  return file;
}

describe('批量导入驿站', () => {
  it('lists every problem of the dry run and offers no import until the sheet is clean', async () => {
    signInAs(unionStaff());
    const calls = serveImport();
    render(<StationImportPage />);

    const sent = chooseFile('bad-stations.csv', 'application/vnd.ms-excel');

    await waitFor(() => expect(screen.getAllByTestId('import-problem')).toHaveLength(2));
    expect(screen.getAllByTestId('import-problem').map((p) => p.textContent)).toEqual([
      '第2行 · 纬度 · 纬度应在 -90 到 90 之间',
      '第3行 · 服务设施 · 未知的服务设施“桑拿”',
    ]);
    expect(screen.getByTestId('import-summary').textContent).toBe('共 3 行，1 行无误，2 处问题');
    expect(screen.getByTestId('import-fix-hint')).toBeTruthy();
    expect(screen.queryByTestId('import-commit')).toBeNull();
    // The raw file goes as the body, typed by its extension whatever the browser claims.
    expect(calls).toEqual([
      {
        query: { mode: 'dry-run', orgId: DISTRICT_ORG.id, fileName: 'bad-stations.csv' },
        contentType: 'text/csv',
        body: sent,
      },
    ]);
  });

  it('imports only after 确认导入, sending the same sheet again in commit mode', async () => {
    signInAs(unionStaff());
    const calls = serveImport();
    render(<StationImportPage />);

    chooseFile('stations.xlsx');
    const commit = await screen.findByTestId('import-commit');
    expect(commit.textContent).toBe('确认导入 2 个驿站');
    expect(calls.map((call) => call.query.mode)).toEqual(['dry-run']);

    fireEvent.click(commit);

    expect((await screen.findByTestId('import-done')).textContent).toContain('已导入 2 个驿站');
    expect(calls.map((call) => call.query.mode)).toEqual(['dry-run', 'commit']);
    expect(calls[1]?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(calls[1]?.body).toBe(calls[0]?.body);
  });

  it('checks a sheet again for another default organisation', async () => {
    signInAs(unionStaff([DISTRICT_ORG, STREET_ORG]));
    const calls = serveImport();
    render(<StationImportPage />);
    chooseFile('stations.csv');
    await screen.findByTestId('import-commit');

    fireEvent.click(screen.getByTestId(`import-org-${STREET_ORG.id}`));

    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]?.query).toEqual({ mode: 'dry-run', orgId: STREET_ORG.id, fileName: 'stations.csv' });
  });

  it('refuses files that are not sheets without sending them', async () => {
    signInAs(unionStaff());
    const calls = serveImport();
    render(<StationImportPage />);

    chooseFile('stations.pdf');

    expect((await screen.findByTestId('import-error')).textContent).toBe('请选择 .xlsx 或 .csv 格式的表格');
    expect(calls).toEqual([]);
  });

  it('picks the sheet from a WeChat chat in weapp and sends its bytes', async () => {
    process.env.TARO_ENV = 'weapp';
    signInAs(unionStaff());
    const calls = serveImport();
    const bytes = new TextEncoder().encode('名称,地址\n').buffer;
    taroTest.files.set('wxfile://tmp/abc.csv', bytes);
    vi.mocked(Taro.chooseMessageFile).mockResolvedValue({
      tempFiles: [{ path: 'wxfile://tmp/abc.csv', name: '西湖区驿站.csv', size: bytes.byteLength }],
    } as unknown as Awaited<ReturnType<typeof Taro.chooseMessageFile>>);
    render(<StationImportPage />);

    fireEvent.click(screen.getByTestId('import-choose'));

    await screen.findByTestId('import-commit');
    expect(Taro.chooseMessageFile).toHaveBeenCalledWith({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    expect(calls[0]).toMatchObject({ contentType: 'text/csv', body: bytes });
    expect(screen.getByTestId('import-file-name').textContent).toBe('西湖区驿站.csv');
  });

  it('follows a long import in the background with a progress bar, then shows its report', async () => {
    signInAs(unionStaff());
    const polled: string[] = [];
    const states = [
      jobState({ done: 500, created: 500 }),
      jobState({
        status: 'done',
        done: 1200,
        created: 1199,
        skipped: 1,
        problems: [{ row: 7, column: '站点名称', message: '已有同名同地址的驿站，可能已经导入过' }],
        finishedAt: '2026-12-03T08:01:00.000Z',
      }),
    ];
    taroTest.respondWith(({ method, path, query }) => {
      if (method === 'GET' && path === '/api/staff/stations/import-jobs')
        return { statusCode: 200, data: { items: [] } };
      if (method === 'GET' && path.startsWith('/api/staff/stations/import-jobs/')) {
        polled.push(path);
        return { statusCode: 200, data: states.shift() ?? states.at(-1) };
      }
      const clean = { rows: 1200, validRows: 1200, problems: [], created: 0 };
      return queryOf(query).mode === 'commit'
        ? { statusCode: 202, data: { ...clean, mode: 'commit', job: jobState() } }
        : { statusCode: 200, data: { ...clean, mode: 'dry-run', job: null } };
    });
    render(<StationImportPage />);
    chooseFile('全市驿站.xlsx');
    fireEvent.click(await screen.findByTestId('import-commit'));

    const progress = await screen.findByTestId('import-progress');
    expect(progress.getAttribute('aria-valuenow')).toBe('0');
    expect(screen.getByTestId('import-counts').textContent).toBe('已处理 0 / 1200 行，新建 0 个驿站');
    expect(screen.queryByTestId('import-commit')).toBeNull();

    await waitFor(
      () => expect(screen.getByTestId('import-counts').textContent).toBe('已处理 500 / 1200 行，新建 500 个驿站'),
      {
        timeout: 3000,
      },
    );
    expect(screen.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('500');

    await waitFor(() => expect(screen.getByTestId('import-job').getAttribute('data-status')).toBe('done'), {
      timeout: 3000,
    });
    expect(screen.getByTestId('import-job').textContent).toContain('已导入 1199 个驿站');
    expect(screen.getByTestId('import-counts').textContent).toBe('已处理 1200 / 1200 行，新建 1199 个驿站，跳过 1 行');
    expect(screen.getAllByTestId('import-problem').map((p) => p.textContent)).toEqual([
      '第7行 · 站点名称 · 已有同名同地址的驿站，可能已经导入过',
    ]);
    expect(screen.queryByTestId('import-progress')).toBeNull();
    const pollsAtEnd = polled.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(polled.length).toBe(pollsAtEnd);
  });

  it('shows an import still running when the page is opened again, and blocks a second one', async () => {
    signInAs(unionStaff());
    taroTest.respondWith(({ method, path }) => {
      if (method === 'GET' && path === '/api/staff/stations/import-jobs') {
        return { statusCode: 200, data: { items: [jobState({ done: 250, created: 250 })] } };
      }
      if (method === 'GET' && path.startsWith('/api/staff/stations/import-jobs/')) {
        return {
          statusCode: 200,
          data: jobState({
            status: 'failed',
            done: 500,
            created: 250,
            failure: '导入中途出错，已写入的站点已全部撤销，请稍后重新导入',
          }),
        };
      }
      return { statusCode: 404, data: null };
    });
    render(<StationImportPage />);

    expect((await screen.findByTestId('import-counts')).textContent).toBe('已处理 250 / 1200 行，新建 250 个驿站');
    expect(screen.getByTestId('import-file').hasAttribute('disabled')).toBe(true);
    expect((await screen.findByTestId('import-failure', {}, { timeout: 3000 })).textContent).toContain('已全部撤销');
    expect(screen.getByTestId('import-file').hasAttribute('disabled')).toBe(false);
  });
});
