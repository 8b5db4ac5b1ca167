/**
 * The rest-station walkthroughs (驿站): a rider finding, checking in at and rating the
 * nearest open station; the district fallback when location is refused; a keeper
 * recording walk-ins; a union cadre importing stations from a spreadsheet.
 * Like scenarios.ts, each opens its own phones and depends on no other scenario.
 */
import type { Page } from 'playwright-core';
import { DEMO_STATION } from '../../bff/src/seed/demo-stations';
import { ROUTES } from '../../miniapp/src/routes';
import {
  assert,
  UI_TIMEOUT_MS,
  byTestId,
  byText,
  decodeQrOnScreen,
  expectAttribute,
  expectRoute,
  expectText,
  inputOf,
  openTab,
  signInAsNewWechatUser,
  signInAsStaff,
  metresOf,
  standAt,
  tapBack,
  textareaOf,
  type Phone,
  type ScenarioContext,
} from './harness';
import type { Scenario } from './scenarios';

interface ListedStation {
  name: string;
  text: string;
  tone: string | null;
  amenities: (string | null)[];
}

/** What every station card in the list says, once the list shows at least one. */
async function listedStations(page: Page): Promise<ListedStation[]> {
  const items = byTestId(page, 'station-item');
  await items.first().waitFor();
  return items.evaluateAll((cards) =>
    cards.map((card) => ({
      name: card.querySelector('[data-testid="station-name"]')?.textContent?.trim() ?? '',
      text: (card as HTMLElement).innerText,
      tone: card.querySelector('[data-testid="station-open-state"]')?.getAttribute('data-tone') ?? null,
      amenities: Array.from(card.querySelectorAll('[data-amenity]'), (tag) => tag.getAttribute('data-amenity')),
    })),
  );
}

/**
 * Retries `check` until it passes: a list keeps showing the previous answer for a moment
 * after a filter or an area is chosen. The last failure is the one reported.
 */
async function eventually(check: () => Promise<void>, timeout = UI_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeout;
  for (let delay = 50; ; delay = Math.min(delay * 2, 250)) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** 我的 → 驿站管理 → search → the station's staff page. */
async function openStaffStation(staff: Phone, stationName: string): Promise<void> {
  const { page } = staff;
  await openTab(page, '我的', ROUTES.mine);
  await byTestId(page, 'staff-stations-entry').click();
  await expectRoute(page, ROUTES.staffStations);
  await inputOf(page, 'staff-station-search').fill(stationName);
  await byTestId(page, 'staff-station-search-submit').click();
  const item = byTestId(page, 'staff-station-item').filter({ hasText: stationName });
  await item.first().click();
  await expectRoute(page, ROUTES.staffStation);
  await expectText(byTestId(page, 'staff-station-summary'), stationName, { what: 'staff station page' });
}

/**
 * The keeper's poster, read by a QR scanner pointed at the screen and at the printed sheet:
 * the whole sheet is photographed, so a QR cropped by its box cannot be read. The QR holds
 * the link any scanner opens: `<origin>/s/<station code>`.
 */
async function checkInLinkFromPoster(ctx: ScenarioContext, keeper: Phone): Promise<string> {
  const { page } = keeper;
  await byTestId(page, 'staff-station-poster').click();
  await expectRoute(page, ROUTES.staffStationPoster);
  await expectText(byTestId(page, 'staff-poster-name'), DEMO_STATION.name);
  const box = byTestId(page, 'staff-poster-image');
  const image = box.locator('img');
  await expectAttribute(image, 'src', /^data:image\/png;base64,./);
  await page.waitForFunction(
    (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0,
    await image.elementHandle(),
    { timeout: 5000 },
  );
  // Both measured at one instant: the page may still be sliding in.
  const misplaced = await image.evaluate((img) => {
    const inner = img.getBoundingClientRect();
    const outer = img.closest('[data-testid="staff-poster-image"]')!.getBoundingClientRect();
    return { left: inner.left - outer.left, top: inner.top - outer.top, width: inner.width - outer.width };
  });
  assert(
    Object.values(misplaced).every((difference) => Math.abs(difference) < 1),
    `the QR image should fill its box exactly, but is off by ${JSON.stringify(misplaced)}`,
  );
  await image.evaluate((img) => (img as HTMLImageElement).decode());
  const sheet = byTestId(page, 'staff-poster-sheet');
  const onScreen = await decodeQrOnScreen(sheet);
  const linkPattern = new RegExp(`^${ctx.baseUrl}/s/ST1\\.[0-9a-f]{24}\\.[\\w-]{22}$`);
  assert(linkPattern.test(onScreen), `the poster's QR should hold a check-in link, holds: ${onScreen}`);
  await ctx.checkpoint(keeper, 'poster');

  // As printed: only the sheet, and the same QR readable from it.
  await page.emulateMedia({ media: 'print' });
  try {
    assert((await byTestId(page, 'staff-poster-print').count()) === 0, 'the print button should not be printed');
    const printed = await decodeQrOnScreen(sheet);
    assert(printed === onScreen, `the printed QR holds ${printed}, the screen's ${onScreen}`);
    await ctx.checkpoint(keeper, 'poster-print');
  } finally {
    await page.emulateMedia({ media: null });
  }
  return onScreen;
}

/** The ‹ in the H5 navigation bar. */
/** 服务人次统计 of the open staff station page: the 30-day total and its walk-in part. */
async function stationDayTotals(staff: Phone): Promise<{ total: number; walkIns: number }> {
  const { page } = staff;
  await byTestId(page, 'staff-station-stats-link').click();
  await expectRoute(page, ROUTES.staffStationStats);
  await expectText(page.locator('.panel__title').filter({ visible: true }).first(), DEMO_STATION.name);
  const text = await expectText(byTestId(page, 'staff-stats-day-total'), /合计 \d+ 人次/, {
    what: '近30天 合计',
  });
  const total = Number(/合计 (\d+) 人次/.exec(text)![1]);
  const walkIns = Number(/登记 (\d+)/.exec(text)?.[1] ?? NaN);
  assert(Number.isInteger(walkIns), `the total should say how many were recorded (登记): ${text}`);
  return { total, walkIns };
}

const riderChecksInAtNearestStation: Scenario = {
  name: 'a rider with location on finds the nearest open station and checks in',
  slug: 'station-find-check-in',
  async run(ctx) {
    const rider = await ctx.openPhone('rider (location on)');
    const { page } = rider;
    await standAt(ctx, rider, DEMO_STATION.location);
    await signInAsNewWechatUser(rider, 'e2e-station-rider');

    await openTab(page, '驿站', ROUTES.stations);
    await expectText(byTestId(page, 'map-unavailable-note'), '浏览器版暂不支持地图');
    const first = byTestId(page, 'station-item').first();
    await expectText(byTestId(first, 'station-name'), DEMO_STATION.name, { what: 'nearest station' });
    const distance = await expectText(byTestId(first, 'station-distance'), /米|公里/);
    assert(metresOf(distance) < 100, `standing at the station, its distance should be under 100米: ${distance}`);
    const state = await expectText(byTestId(first, 'station-open-state'), /营业中|24小时/);
    await expectAttribute(byTestId(first, 'station-open-state'), 'data-tone', 'open');
    assert((await byTestId(page, 'location-notice').count()) === 0, 'with location on, no fallback notice');
    await ctx.checkpoint(rider, 'station-list');

    // Unfiltered, the list also shows stations without a toilet (bank branches have none).
    const unfiltered = await listedStations(page);
    assert(
      unfiltered.some((s) => !s.amenities.includes('toilet')),
      `the unfiltered list should include a station without 卫生间: ${unfiltered.map((s) => s.name).join('、')}`,
    );

    // 营业中 + 卫生间: only open stations with a toilet, the demo station still first.
    await byTestId(page, 'open-now-chip').click();
    await expectAttribute(byTestId(page, 'open-now-chip'), 'aria-pressed', 'true');
    await byTestId(page, 'amenity-chip-toilet').click();
    await expectAttribute(byTestId(page, 'amenity-chip-toilet'), 'aria-pressed', 'true');
    await eventually(async () => {
      const listed = await listedStations(page);
      const wrong = listed.filter((s) => s.tone === 'closed' || !s.amenities.includes('toilet'));
      assert(
        wrong.length === 0,
        `filtered by 营业中 + 卫生间, the list shows ${wrong.map((s) => s.name).join('、')} (closed or no toilet)`,
      );
      assert(listed[0]?.name === DEMO_STATION.name, `the first open station with 卫生间 is ${listed[0]?.name}`);
      assert(/卫生间/.test(listed[0].text), `the first card should show 卫生间: ${listed[0].text}`);
    });
    await ctx.checkpoint(rider, 'station-list-filtered');

    // The station's page.
    await first.click();
    await expectRoute(page, ROUTES.stationDetail);
    await expectText(byTestId(page, 'station-detail-name'), DEMO_STATION.name);
    await expectText(byTestId(page, 'station-detail-open-state'), state);
    const today = await expectText(byTestId(page, 'station-detail-today-hours'), /今天/);
    assert(/24小时/.test(today), `today's hours of a 24-hour station should say so: ${today}`);
    await ctx.checkpoint(rider, 'station-detail');

    // The keeper's poster gives the link the rider's scanner opens at the door.
    const keeper = await ctx.openPhone('station keeper');
    await signInAsStaff(keeper, 'station_keeper');
    await openStaffStation(keeper, DEMO_STATION.name);
    const link = await checkInLinkFromPoster(ctx, keeper);

    await page.goto(link);
    await expectRoute(page, ROUTES.stationCheckIn);
    const landed = byTestId(page, 'station-check-in-result');
    await expectAttribute(landed, 'data-counted', 'true');
    const counted = await expectText(landed, '打卡成功');
    assert(counted.includes(DEMO_STATION.name), `the check-in should name the station: ${counted}`);
    await ctx.checkpoint(rider, 'check-in-counted');

    // Again straight away, from the station page's own box: acknowledged, not counted twice.
    await byTestId(page, 'station-check-in-detail').click();
    await expectRoute(page, ROUTES.stationDetail);
    await expectText(byTestId(page, 'station-detail-name'), DEMO_STATION.name);
    await inputOf(page, 'check-in-code-input').fill(link);
    await byTestId(page, 'check-in-submit').click();
    const result = byTestId(page, 'check-in-result');
    await expectAttribute(result, 'data-counted', 'false');
    await expectText(result, '已打卡（30分钟内不重复计数）');
    assert((await byTestId(page, 'check-in-error').count()) === 0, 'a repeat check-in is not an error');
    await ctx.checkpoint(rider, 'check-in-repeat');

    // Another rider's phone opens the link signed out: sign in first, then counted.
    const passerby = await ctx.openPhone('rider, signed out');
    await passerby.page.goto(link);
    await expectRoute(passerby.page, ROUTES.login);
    await inputOf(passerby.page, 'demo-openid').fill('e2e-station-link-rider');
    await byText(passerby.page, '以此身份登录').click();
    await expectRoute(passerby.page, ROUTES.stationCheckIn);
    await expectAttribute(byTestId(passerby.page, 'station-check-in-result'), 'data-counted', 'true');
    await ctx.checkpoint(passerby, 'check-in-after-sign-in');

    // ★★★★★ with a comment.
    await byTestId(page, 'feedback-kind-feedback').click();
    await byTestId(page, 'feedback-star-5').click();
    await expectAttribute(byTestId(page, 'feedback-star-5'), 'class', /feedback-star--on/);
    await textareaOf(page, 'feedback-comment').fill('热水很方便，充电位也够，站长很热情。');
    await byTestId(page, 'feedback-submit').click();
    await expectText(byTestId(page, 'feedback-result'), '感谢您的评价');
    assert((await byTestId(page, 'feedback-error').count()) === 0, 'the feedback should be accepted');
    await ctx.checkpoint(rider, 'feedback-sent');
  },
};

const refusedLocationFallsBackToDistrict: Scenario = {
  name: 'location refused falls back to a district',
  slug: 'station-location-refused',
  async run(ctx) {
    // No geolocation permission: the browser refuses the page's request.
    const rider = await ctx.openPhone('rider (location refused)');
    const { page } = rider;
    await signInAsNewWechatUser(rider, 'e2e-station-no-location');
    await openTab(page, '驿站', ROUTES.stations);

    const notice = await expectText(byTestId(page, 'location-notice'), '未获得定位权限');
    assert(notice.includes('可切换区域'), `the notice should offer to switch districts: ${notice}`);
    const picker = byTestId(page, 'area-picker');
    const binjiang = picker.locator('.chip').filter({ hasText: /^滨江区/ });
    await binjiang.click();
    await expectText(byTestId(page, 'location-notice'), '滨江区', { what: 'notice after choosing 滨江区' });

    // The list now starts from 滨江区's stations, measured from there.
    const first = byTestId(page, 'station-item').first();
    await expectText(byTestId(first, 'station-distance'), /^距滨江区/, { what: 'distance of the first station' });
    await eventually(async () => {
      const nearest = (await listedStations(page)).slice(0, 5);
      const elsewhere = nearest.filter((s) => !s.text.includes('杭州市滨江区'));
      assert(
        elsewhere.length === 0,
        `the stations nearest 滨江区 should be in 滨江区, but: ${elsewhere.map((s) => s.text.replace(/\n/g, ' ')).join(' | ')}`,
      );
    });
    await ctx.checkpoint(rider, 'station-list-binjiang');
  },
};

const keeperRecordsWalkIns: Scenario = {
  name: 'a station keeper records walk-ins and sees the count',
  slug: 'station-walk-ins',
  async run(ctx) {
    const keeper = await ctx.openPhone('station keeper');
    const { page } = keeper;
    await signInAsStaff(keeper, 'station_keeper');
    await openStaffStation(keeper, DEMO_STATION.name);

    // Whatever other visits today already counted (a check-in by another scenario, say).
    const before = await stationDayTotals(keeper);
    await tapBack(page);
    await expectRoute(page, ROUTES.staffStation);

    await inputOf(page, 'walk-in-count').fill('3');
    await byTestId(page, 'walk-in-submit').click();
    await expectText(byTestId(page, 'walk-in-result'), '已登记 3 人次');
    await ctx.checkpoint(keeper, 'walk-ins-recorded');

    const after = await stationDayTotals(keeper);
    assert(
      after.total === before.total + 3 && after.walkIns === before.walkIns + 3,
      `after recording 3 walk-ins, 近30天 should show 合计 ${before.total + 3} (登记 ${before.walkIns + 3}), shows 合计 ${after.total} (登记 ${after.walkIns})`,
    );
    await ctx.checkpoint(keeper, 'stats');
  },
};

/** Two new stations in 西溪街道, a few hundred metres from the demo station. */
/**
 * Both open around the clock: the rider's list puts open stations first, so a station closed at
 * the hour the test happens to run would drop below the open ones and out of the list.
 */
const IMPORTED = [
  {
    name: '古荡新村骑手暖心驿站',
    location: { lat: 30.2812, lng: 120.1268 },
    row: '古荡新村骑手暖心驿站,工会驿站,古荡新村社区,杭州市西湖区文二路 391 号,120.1268,30.2812,西溪街道总工会,0571-88000211,饮水、卫生间、热饭、手机充电,24小时,夜间也可歇脚充电',
  },
  {
    name: '西溪路快递员之家',
    location: { lat: 30.2741, lng: 120.1335 },
    row: '西溪路快递员之家,户外劳动者服务站点,西溪路快递服务中心,杭州市西湖区西溪路 88 号,120.1335,30.2741,西溪街道总工会,0571-88000212,饮水、休息座椅,24小时,',
  },
];
const SHEET_HEADER = '站点名称,站点类型,承办单位,详细地址,经度,纬度,所属工会,联系电话,服务设施,开放时间,简介';
const BAD_ROW =
  '文一路快递小哥之家,工会驿站,文一路快递网点,杭州市西湖区文一路 120 号,120.1290,300,西溪街道总工会,,饮水,24小时,';

/** More rows than a commit writes within its request: imported by a background job. */
const LONG_SHEET_ROWS = Array.from(
  { length: 260 },
  (_, index) =>
    `舟山渔港驿站${index + 1},户外劳动者服务站点,,舟山市定海区渔港路 ${index + 1} 号,${(122.1 + (index % 20) * 0.002).toFixed(4)},${(30.0 + Math.floor(index / 20) * 0.002).toFixed(4)},西溪街道总工会,,饮水,24小时,`,
);

function csvFile(name: string, rows: string[]) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`${[SHEET_HEADER, ...rows].join('\r\n')}\r\n`, 'utf8') };
}

const cadreImportsStations: Scenario = {
  name: 'a union cadre imports stations from a spreadsheet with a dry run',
  slug: 'station-import',
  async run(ctx) {
    const cadre = await ctx.openPhone('street cadre');
    const { page } = cadre;
    await signInAsStaff(cadre, 'street_staff');
    await openTab(page, '我的', ROUTES.mine);
    await byTestId(page, 'staff-stations-entry').click();
    await expectRoute(page, ROUTES.staffStations);
    await byTestId(page, 'staff-station-import').click();
    await expectRoute(page, ROUTES.staffStationImport);

    // A sheet with a typo in row 4: checked, the row named, nothing to import.
    const fileInput = page.locator('input[type="file"][data-testid="import-file"]');
    await fileInput.setInputFiles(csvFile('驿站-有误.csv', [IMPORTED[0]!.row, IMPORTED[1]!.row, BAD_ROW]));
    const report = byTestId(page, 'import-report');
    await expectText(byTestId(report, 'import-summary'), '共 3 行，2 行无误，1 处问题');
    const problems = byTestId(report, 'import-problem');
    const problem = await expectText(problems, /^第4行 · 纬度 · /, { what: 'the problem with row 4' });
    assert(problem.includes('纬度超出'), `the problem should say the latitude is out of range: ${problem}`);
    assert((await problems.count()) === 1, `only row 4 is wrong, but ${await problems.count()} problems are listed`);
    await expectText(byTestId(report, 'import-fix-hint'), '改正');
    const commit = byTestId(page, 'import-commit');
    assert((await commit.count()) === 0 || (await commit.isDisabled()), 'a sheet with problems cannot be imported');
    await ctx.checkpoint(cadre, 'import-problems');

    // The fixed sheet: checked clean, then imported.
    await fileInput.setInputFiles(
      csvFile(
        '驿站-已改正.csv',
        IMPORTED.map((station) => station.row),
      ),
    );
    await expectText(byTestId(report, 'import-summary'), '共 2 行，2 行无误，0 处问题');
    await expectText(commit, '确认导入 2 个驿站');
    await commit.click();
    await expectText(byTestId(page, 'import-done'), '已导入 2 个驿站');
    await ctx.checkpoint(cadre, 'import-done');

    // A long sheet (in 舟山, far from the other scenarios' riders) is written in the background.
    await tapBack(page);
    await expectRoute(page, ROUTES.staffStations);
    await byTestId(page, 'staff-station-import').click();
    await expectRoute(page, ROUTES.staffStationImport);
    await fileInput.setInputFiles(csvFile('舟山驿站.csv', LONG_SHEET_ROWS));
    await expectText(
      byTestId(report, 'import-summary'),
      `共 ${LONG_SHEET_ROWS.length} 行，${LONG_SHEET_ROWS.length} 行无误，0 处问题`,
    );
    await commit.click();
    const job = byTestId(page, 'import-job');
    await expectText(byTestId(job, 'import-counts'), new RegExp(`/ ${LONG_SHEET_ROWS.length} 行`));
    await ctx.checkpoint(cadre, 'import-job-started');
    await expectAttribute(job, 'data-status', 'done', { timeout: 60_000 });
    await expectText(job, `已导入 ${LONG_SHEET_ROWS.length} 个驿站`);
    await expectText(
      byTestId(job, 'import-counts'),
      `已处理 ${LONG_SHEET_ROWS.length} / ${LONG_SHEET_ROWS.length} 行，新建 ${LONG_SHEET_ROWS.length} 个驿站`,
    );
    await ctx.checkpoint(cadre, 'import-job-done');

    // A rider standing at the first new station finds it.
    const rider = await ctx.openPhone('rider near the new station');
    await standAt(ctx, rider, IMPORTED[0]!.location);
    await signInAsNewWechatUser(rider, 'e2e-station-import-rider');
    await openTab(rider.page, '驿站', ROUTES.stations);
    const first = byTestId(rider.page, 'station-item').first();
    await expectText(byTestId(first, 'station-name'), IMPORTED[0]!.name, { what: 'nearest station' });
    const distance = await expectText(byTestId(first, 'station-distance'), /米|公里/);
    assert(metresOf(distance) < 100, `standing at the new station, its distance should be under 100米: ${distance}`);
    const listed = await listedStations(rider.page);
    assert(
      listed.some((s) => s.name === IMPORTED[1]!.name),
      `the other new station (about 1 km away) should be listed too: ${listed.map((s) => s.name).join('、')}`,
    );
    await ctx.checkpoint(rider, 'imported-station-listed');
  },
};

export const STATION_SCENARIOS: Scenario[] = [
  riderChecksInAtNearestStation,
  refusedLocationFallsBackToDistrict,
  keeperRecordsWalkIns,
  cadreImportsStations,
];
