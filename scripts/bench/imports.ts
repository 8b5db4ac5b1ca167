/**
 * `pnpm bench imports`: committing a 4,900-row station sheet (the limit is 5,000) on the
 * embedded database with demo data: how long until the request answers, how long until
 * every row is written, and what station search and the sheet export cost before and after.
 *
 * The same script measures any version of the BFF: an old one that writes the whole sheet
 * inside the request answers 200 at the end; a new one answers 202 and is followed by its job.
 * `IMPORT_BENCH_ROWS` changes the sheet length (e.g. to time an old version on fewer rows).
 */
import { bearer, json, loadRows } from './measure';
import { startBff } from './start-bff';

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 4900);
const HEADERS = ['站点名称', '站点类型', '详细地址', '经度', '纬度', '所属工会', '服务设施', '开放时间'];

/** A clean sheet of `rows` stations on a grid over 西湖区, every row distinct. */
function stationCsv(rows: number, runId: string): string {
  const lines = [HEADERS.join(',')];
  for (let index = 0; index < rows; index++) {
    const lng = (120.05 + (index % 70) * 0.0015).toFixed(6);
    const lat = (30.22 + Math.floor(index / 70) * 0.0012).toFixed(6);
    lines.push(
      [
        `基准驿站${runId}-${index + 1}`,
        '户外劳动者服务站点',
        `杭州市西湖区基准路 ${index + 1} 号`,
        lng,
        lat,
        '西溪街道总工会',
        '饮水、充电、卫生间',
        '周一至周日 07:00-21:00',
      ].join(','),
    );
  }
  return `\uFEFF${lines.join('\n')}\n`;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: Math.round(performance.now() - started), value };
}

export async function importBench() {
  console.log(`\nStation sheet import: ${ROWS} rows committed on the embedded database with demo data`);
  const bff = await startBff({ RATE_LIMIT_SCALE: '1000', CHECK_RESPONSES: 'false', LOG_LEVEL: 'error' });
  try {
    const login = await json(`${bff.url}/api/auth/password-login`, {
      method: 'POST',
      body: JSON.stringify({ username: 'district_staff', password: 'Demo@2026' }),
    });
    const auth = bearer(login.accessToken);
    const nearby = {
      name: 'GET /api/stations/nearby (5 km)',
      method: 'GET' as const,
      path: '/api/stations/nearby?lat=30.2741&lng=120.1551&radius=5000&limit=20',
    };
    const exportSheet = () =>
      timed(async () => {
        const response = await fetch(`${bff.url}/api/staff/stations/export`, { headers: auth });
        if (!response.ok) throw new Error(`export: ${response.status}`);
        return (await response.arrayBuffer()).byteLength;
      });

    const searchBefore = (await loadRows(bff, [nearby]))[0]!;
    const exportBefore = await exportSheet();

    const sheet = stationCsv(ROWS, Date.now().toString(36));
    const dryRun = await timed(() =>
      json(`${bff.url}/api/staff/stations/import?mode=dry-run`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'text/csv' },
        body: sheet,
      }),
    );
    if (dryRun.value.problems.length > 0)
      throw new Error(`the bench sheet has problems: ${JSON.stringify(dryRun.value.problems.slice(0, 3))}`);

    const started = performance.now();
    const answer = await timed(async () => {
      const response = await fetch(`${bff.url}/api/staff/stations/import?mode=commit&fileName=bench.csv`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'text/csv' },
        body: sheet,
      });
      if (response.status !== 200 && response.status !== 202)
        throw new Error(`commit: ${response.status} ${await response.text()}`);
      return { status: response.status, body: (await response.json()) as any };
    });
    let created: number = answer.value.body.created;
    let polls = 0;
    if (answer.value.status === 202) {
      const jobId: string = answer.value.body.job.id;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        polls += 1;
        const job = await json(`${bff.url}/api/staff/stations/import-jobs/${jobId}`, { headers: auth });
        if (job.status === 'failed') throw new Error(`import failed: ${job.failure}`);
        if (job.status === 'done') {
          created = job.created;
          break;
        }
      }
    }
    const totalMs = Math.round(performance.now() - started);
    if (created !== ROWS) throw new Error(`expected ${ROWS} stations created, got ${created}`);

    const searchAfter = (await loadRows(bff, [nearby]))[0]!;
    const exportAfter = await exportSheet();

    console.table([
      { step: 'dry run (check every row)', ms: dryRun.ms },
      { step: `commit: request answered (HTTP ${answer.value.status})`, ms: answer.ms },
      {
        step: `commit: all ${ROWS} rows written`,
        ms: totalMs,
        'rows/s': Math.round(ROWS / (totalMs / 1000)),
        'progress polls': polls,
      },
    ]);
    console.table([
      {
        measure: 'station search p50 ms (20 connections, 5 s)',
        before: searchBefore['p50 ms'],
        after: searchAfter['p50 ms'],
      },
      { measure: 'station search req/s', before: searchBefore['req/s'], after: searchAfter['req/s'] },
      { measure: 'sheet export ms (all stations in scope)', before: exportBefore.ms, after: exportAfter.ms },
    ]);
  } finally {
    await bff.stop();
  }
}
