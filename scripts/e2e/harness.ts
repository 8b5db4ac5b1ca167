/**
 * What the scenarios share: a phone-sized browser context per person, locators for the
 * app's data-testid hooks, waits that poll what is on screen, and the demo sign-ins.
 */
import type { LatLng } from '@union/shared';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { wgs84ToGcj02 } from '../../miniapp/src/utils/gcj02';

/** How long to wait for something to appear on screen before failing. */
export const UI_TIMEOUT_MS = 15_000;

export const STAFF_PASSWORD = 'Demo@2026';

/** One person on one phone: its own cookies and localStorage, so sessions never leak. */
export interface Phone {
  label: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions, printed when the scenario fails. */
  errors: string[];
  /** Every API request the page sent, as "METHOD /path". */
  apiCalls: string[];
  /** The API's answers, as "METHOD /path?query → status", for failure reports. */
  apiLog: string[];
  /** Requests sent and not yet complete (API calls, code chunks), with when they were sent (for failure reports). */
  pending: Map<Request, number>;
}

/** Given to each scenario: opens phones and records checkpoint screenshots. */
export interface ScenarioContext {
  baseUrl: string;
  openPhone(label: string): Promise<Phone>;
  /** Saves a screenshot of a step that went well (only with E2E_SCREENSHOTS=1). */
  checkpoint(phone: Phone, name: string): Promise<void>;
}

export async function openPhone(browser: Browser, baseUrl: string, label: string): Promise<Phone> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: baseUrl,
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const phone: Phone = { label, context, page, errors: [], apiCalls: [], apiLog: [], pending: new Map() };
  page.on('console', (message) => {
    if (message.type() === 'error') phone.errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => phone.errors.push(`uncaught: ${error.stack ?? error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    // Every request of the app (API calls, and the code chunks a tap may wait for) until it is complete.
    if (url.protocol.startsWith('http')) phone.pending.set(request, Date.now());
    if (url.pathname.startsWith('/api/')) phone.apiCalls.push(`${request.method()} ${url.pathname}`);
  });
  page.on('requestfinished', (request) => phone.pending.delete(request));
  page.on('requestfailed', (request) => {
    const url = new URL(request.url());
    phone.pending.delete(request);
    if (url.pathname.startsWith('/api/')) {
      phone.apiLog.push(
        `${request.method()} ${decodeURIComponent(url.pathname + url.search)} → ${request.failure()?.errorText}`,
      );
    }
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    phone.apiLog.push(
      `${response.request().method()} ${decodeURIComponent(url.pathname + url.search)} → ${response.status()}`,
    );
    if (response.status() >= 500) {
      phone.errors.push(`HTTP ${response.status()} ${response.request().method()} ${url.pathname}`);
    }
  });
  return phone;
}

/**
 * What a failure report says about a phone beyond its console: the messages on its screen
 * (a refused form says why there, a camera problem too), the text of the page on screen
 * (the screenshot stays on the machine that ran the test; this reaches the log), the state
 * of a camera preview, and the requests still incomplete (an API call, or a code chunk a
 * tap is waiting for).
 */
export async function describeScreen(phone: Phone): Promise<string[]> {
  const lines: string[] = [];
  const messages = await phone.page
    .locator('.notice, .field__error, .taro__toast')
    .filter({ visible: true })
    .allInnerTexts()
    .catch(() => [] as string[]);
  if (messages.length > 0) lines.push(`messages on screen: ${messages.map((text) => text.trim()).join(' | ')}`);
  const screenText = await phone.page
    .locator('.taro_page')
    .filter({ visible: true })
    .last()
    .innerText({ timeout: 1000 })
    .catch(() => '');
  if (screenText) lines.push(`text on screen: ${oneLine(screenText, 400)}`);
  const camera = await phone.page
    .evaluate(() => {
      const video = document.querySelector('video');
      if (!video) return null;
      const tracks = (video.srcObject as MediaStream | null)?.getVideoTracks();
      const stream = tracks ? tracks.map((track) => track.readyState).join(',') || 'without video' : 'none';
      const playing = video.paused ? 'paused' : 'playing';
      return `camera preview: readyState ${video.readyState}, ${playing}, ${video.videoWidth}×${video.videoHeight}, stream ${stream}, page ${document.visibilityState}`;
    })
    .catch(() => null);
  if (camera) lines.push(camera);
  const now = Date.now();
  for (const [request, sentAt] of phone.pending) {
    const url = new URL(request.url());
    lines.push(`incomplete: ${request.method()} ${url.pathname} (sent ${((now - sentAt) / 1000).toFixed(1)} s ago)`);
  }
  return lines;
}

/** Text on one line, cut to `max` characters. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * The visible element with this data-testid. Taro's H5 router keeps earlier pages (and
 * every tab page) in the DOM, hidden, so only the page on screen counts.
 */
export function byTestId(scope: Page | Locator, testId: string): Locator {
  return scope.locator(`[data-testid="${testId}"]`).filter({ visible: true });
}

/** The native <input> inside a Taro <Input> (a <taro-input-core> web component in H5). */
export function inputOf(scope: Page | Locator, testId: string): Locator {
  return byTestId(scope, testId).locator('input');
}

/** The native <textarea> inside a Taro <Textarea>. */
export function textareaOf(scope: Page | Locator, testId: string): Locator {
  return byTestId(scope, testId).locator('textarea');
}

/** Visible text on the current page, matched exactly (buttons, tab labels, list entries). */
export function byText(page: Page | Locator, text: string): Locator {
  return page.getByText(text, { exact: true }).filter({ visible: true });
}

/** A substring, a pattern, or a test of the whole text. */
type TextMatcher = string | RegExp | ((text: string) => boolean);

function matches(text: string, expected: TextMatcher): boolean {
  if (typeof expected === 'string') return text.includes(expected);
  return expected instanceof RegExp ? expected.test(text) : expected(text);
}

/** Polls until the locator's visible text contains / matches `expected`; returns that text. */
export async function expectText(
  locator: Locator,
  expected: TextMatcher,
  { timeout = UI_TIMEOUT_MS, what }: { timeout?: number; what?: string } = {},
): Promise<string> {
  const deadline = Date.now() + timeout;
  let seen = '(not on screen)';
  for (let delay = 50; ; delay = Math.min(delay * 2, 250)) {
    if ((await locator.count()) > 0) {
      seen = (
        (await locator
          .first()
          .innerText({ timeout: 1000 })
          .catch(() => null)) ?? seen
      ).trim();
      if (matches(seen, expected)) return seen;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what ?? String(locator)}: expected text ${String(expected)}, saw ${JSON.stringify(seen)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Polls until an attribute has the expected value; returns it. */
export async function expectAttribute(
  locator: Locator,
  name: string,
  expected: TextMatcher,
  { timeout = UI_TIMEOUT_MS }: { timeout?: number } = {},
): Promise<string> {
  const deadline = Date.now() + timeout;
  let seen: string | null = null;
  for (let delay = 50; ; delay = Math.min(delay * 2, 250)) {
    if ((await locator.count()) > 0) {
      seen = await locator
        .first()
        .getAttribute(name, { timeout: 1000 })
        .catch(() => null);
      if (seen !== null && matches(seen, expected)) return seen;
    }
    if (Date.now() > deadline) {
      throw new Error(`${String(locator)}: expected ${name}=${String(expected)}, saw ${JSON.stringify(seen)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The page the hash router shows, e.g. "/pages/mine/index". */
export function currentRoute(page: Page): string {
  return new URL(page.url()).hash.replace(/^#/, '').split('?')[0] ?? '';
}

/** Waits until the hash router is on `route` (a path from miniapp/src/routes.ts). */
export async function expectRoute(page: Page, route: string): Promise<void> {
  await page.waitForURL((url) => url.hash.replace(/^#/, '').split('?')[0] === route, { timeout: UI_TIMEOUT_MS });
}

/** Opens the H5 app at its launch page (体验登录 / 工作人员登录). */
async function openLoginPage(phone: Phone): Promise<void> {
  await phone.page.goto('/');
  await byTestId(phone.page, 'demo-login').waitFor();
}

/** 体验登录: taps a demo WeChat identity and waits for 首页. */
export async function signInAsDemoWechatUser(phone: Phone, openid: string): Promise<void> {
  await openLoginPage(phone);
  await byTestId(phone.page, `demo-identity-${openid}`).click();
  await expectRoute(phone.page, '/pages/home/index');
  await byText(phone.page, '会员服务').waitFor();
}

/** 体验登录 → 其他身份: signs in as a WeChat user nobody has seen before, and waits for 首页. */
export async function signInAsNewWechatUser(phone: Phone, openid: string): Promise<void> {
  await phone.page.goto('/');
  await inputOf(phone.page, 'demo-openid').fill(openid);
  await byText(phone.page, '以此身份登录').click();
  await expectRoute(phone.page, '/pages/home/index');
}

/** Types into a field and checks the field still holds it (a re-render may not have kept it). */
async function fillAndCheck(input: Locator, value: string): Promise<void> {
  await input.fill(value);
  const held = await input.inputValue();
  if (held !== value)
    throw new Error(`${String(input)}: typed ${JSON.stringify(value)}, the field holds ${JSON.stringify(held)}`);
}

/** 工作人员登录 with a username and the demo password; waits for 首页's 工作台. */
export async function signInAsStaff(phone: Phone, username: string): Promise<void> {
  await openLoginPage(phone);
  await fillAndCheck(inputOf(phone.page, 'staff-username'), username);
  await fillAndCheck(inputOf(phone.page, 'staff-password'), STAFF_PASSWORD);
  await byTestId(phone.page, 'staff-login-submit').click();
  await expectRoute(phone.page, '/pages/home/index');
  await byText(phone.page, '工作台').waitFor();
}

/**
 * Taps a tab in the bottom tab bar (首页 / 驿站 / 普惠 / 我的), once the page before it has
 * settled (routerSettled). Taro's H5 router (4.2.1) shows a page only once its code has loaded
 * and hides a page not yet created by trying again later: a tab tapped during sign-in's jump to
 * 首页 once left 首页 on screen under the 我的 tab (CI, 技能竞赛).
 */
export async function openTab(page: Page, label: string, route: string): Promise<void> {
  await waitUntil(() => routerSettled(page), 'the page before the tab');
  await page.locator('.weui-tabbar__item').filter({ hasText: label }).click();
  await expectRoute(page, route);
  await waitUntil(() => routerSettled(page), `the ${label} tab's page`);
}

/** Accepts the modal opened by Taro.showModal (e.g. 批准入会 asks to confirm). */
export async function confirmModal(page: Page, expectedTitle: string): Promise<void> {
  // The dialog's wrapper has no size of its own (its children are position: fixed).
  const modal = page.locator('.taro-modal__content').filter({ visible: true });
  await expectText(modal, expectedTitle, { what: 'confirmation dialog' });
  await modal.getByText('确定', { exact: true }).click();
  await modal.waitFor({ state: 'hidden' });
}

/**
 * Reads the QR code the way a scanner would: screenshots the rendered <img> (at the
 * phone's device pixel ratio) and decodes the pixels with jsQR.
 */
export async function decodeQrOnScreen(image: Locator): Promise<string> {
  // A scanner is held to a page that has arrived: the router navigates by timers, and a page
  // that moves between Playwright measuring the element and the capture leaves the QR outside
  // the clip. The likely cause of an unreadable card once in CI, seconds after 查看电子会员卡
  // with its 核验码 unchanged (not proven: the failure now reports how much of it was dark).
  await waitUntil(() => routerSettled(image.page()), 'the page under the QR to finish sliding in');
  // A data-URL image is "complete" before it is painted: wait until it can be drawn, so the
  // screenshot never catches a QR that was swapped in a moment ago as an empty box.
  await image.evaluate((img) => (img instanceof HTMLImageElement ? img.decode().catch(() => undefined) : undefined));
  const png = PNG.sync.read(await image.screenshot({ animations: 'disabled' }));
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  const code = jsQR(pixels, png.width, png.height);
  if (!code) {
    throw new Error(
      `no QR code could be read from the ${png.width}x${png.height} screenshot (${darkShare(pixels)}% dark pixels)`,
    );
  }
  return code.data;
}

/** The share of dark pixels in an RGBA screenshot: 0 says the QR was not on screen at all. */
function darkShare(rgba: Uint8ClampedArray): number {
  let dark = 0;
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i]! + rgba[i + 1]! + rgba[i + 2]! < 384) dark++;
  return Math.round((dark / (rgba.length / 4)) * 100);
}

/** Changes one character in the middle of the card token's Ed25519 signature (its last part). */
export function tamperWithSignature(token: string): string {
  const parts = token.split('.');
  const signature = parts.at(-1);
  assert(parts[0] === 'UC1' && signature && signature.length > 80, `unexpected card token format: ${token}`);
  // Not the last character: its low bits are padding, and changing them may not change the bytes.
  const at = Math.floor(signature.length / 2);
  const replacement = signature[at] === 'A' ? 'B' : 'A';
  parts[parts.length - 1] = signature.slice(0, at) + replacement + signature.slice(at + 1);
  return parts.join('.');
}

/**
 * The browser position (WGS-84, what GPS and Playwright report) that the H5 app, after
 * its WGS-84 → GCJ-02 shift, places at `gcj02`. The shift is smooth, so a few rounds of
 * "subtract what the shift adds" land within millimetres.
 */
function browserPositionFor(gcj02: LatLng): LatLng {
  let guess = { ...gcj02 };
  for (let round = 0; round < 5; round++) {
    const shifted = wgs84ToGcj02(guess);
    guess = { lat: guess.lat - (shifted.lat - gcj02.lat), lng: guess.lng - (shifted.lng - gcj02.lng) };
  }
  return guess;
}

/** Location permission granted, and the phone standing at this (GCJ-02) spot. */
export async function standAt(ctx: ScenarioContext, phone: Phone, gcj02: LatLng): Promise<void> {
  const { lat, lng } = browserPositionFor(gcj02);
  await phone.context.grantPermissions(['geolocation'], { origin: ctx.baseUrl });
  await phone.context.setGeolocation({ latitude: lat, longitude: lng, accuracy: 10 });
}

/** Polls `condition` until it holds, failing with `what` after the UI timeout. */
export async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (!(await condition())) {
    assert(Date.now() < deadline, `${what} did not appear`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Whether the router has finished the last page change: the page of the address is on screen,
 * stationed, and the only one unshaded. Taro's H5 router (4.2.1) shades the page left behind by
 * a timer that runs out after the slide-in; going back before then unshades that page first and
 * the timer shades it again, so the page one returns to stays blank. The address changes before
 * the page exists: right after sign-in it names 首页 while the login page is still the only one
 * (CI: 我的 tapped then left 首页 on screen under it), so the page's own path (its id, before
 * `?stamp=`) must be the address's.
 */
async function routerSettled(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const route = location.hash.replace(/^#/, '').split('?')[0];
    const unshaded = Array.from(document.querySelectorAll('.taro_page')).filter(
      (element) => !element.classList.contains('taro_page_shade'),
    );
    return (
      unshaded.length === 1 &&
      unshaded[0]!.classList.contains('taro_page_stationed') &&
      unshaded[0]!.id.split('?')[0] === route
    );
  });
}

/**
 * ‹ back, and wait until the page left behind is gone. Taro's H5 router removes it only after
 * its slide-out; a navigation during the slide can leave the next page blank, and so can going
 * back before the page one came from is shaded (routerSettled).
 */
export async function tapBack(page: Page): Promise<void> {
  await waitUntil(() => routerSettled(page), 'the end of the slide to this page');
  const pages = page.locator('.taro_page');
  const before = await pages.count();
  await page.locator('.taro-navigation-bar-back').filter({ visible: true }).click();
  await waitUntil(async () => (await pages.count()) < before, 'the page left behind closing');
}

/** One row of Taro's H5 picker wheel (weui), in CSS pixels; the row under the indicator starts 102 px down. */
const PICKER_ROW_PX = 34;
const PICKER_INDICATOR_TOP_PX = 102;

/** Which row of the wheel is under the indicator, from the offset the wheel last set (a fraction while moving). */
async function pickerRowShown(content: Locator): Promise<number> {
  const style = (await content.getAttribute('style')) ?? '';
  const offset = /translate3d\(0(?:px)?,\s*(-?[\d.]+)px/.exec(style);
  assert(offset, `the picker wheel should be positioned by translate3d, style is "${style}"`);
  return (PICKER_INDICATOR_TOP_PX - Number(offset[1])) / PICKER_ROW_PX;
}

/**
 * Chooses `option` in a Taro <Picker mode="selector"> as a thumb does: tap the picker, swipe the
 * wheel until the option rests under the indicator, tap 确定. In H5 the wheel is a
 * <taro-picker-group> that follows touch moves only (there is no input to type into), so the
 * swipe is sent as real touch input through the browser's DevTools protocol.
 */
export async function chooseInPicker(page: Page, testId: string, option: string): Promise<void> {
  await byTestId(page, testId).click();
  // The sheet is moved out of the picker to the end of <body>; only the open one is visible.
  const sheet = page.locator('.weui-picker').filter({ visible: true });
  await sheet.waitFor();
  // The sheet slides up; a swipe during the slide would start from the wrong place.
  await sheet.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)));
  const group = sheet.locator('.weui-picker__group').first();
  const content = group.locator('.weui-picker__content');
  const options = (await content.locator('.weui-picker__item').allInnerTexts()).map((text) => text.trim());
  const target = options.indexOf(option);
  assert(target >= 0, `the picker ${testId} should offer "${option}", offers ${JSON.stringify(options)}`);
  const box = await group.boundingBox();
  assert(box, `the picker ${testId}'s wheel should be on screen`);
  const touch = await page.context().newCDPSession(page);
  try {
    for (let shown = await pickerRowShown(content); shown !== target; shown = await pickerRowShown(content)) {
      // Up to four rows per swipe, so the finger stays on the wheel.
      const rows = Math.max(-4, Math.min(4, shown - target));
      const x = box.x + box.width / 2;
      const fromY = rows < 0 ? box.y + box.height - PICKER_ROW_PX / 2 : box.y + PICKER_ROW_PX / 2;
      const steps = 8;
      await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: fromY }] });
      for (let step = 1; step <= steps; step++) {
        const y = fromY + (rows * PICKER_ROW_PX * step) / steps;
        await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
      }
      await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      // The wheel redraws on its next frame: wait until it rests on another whole row.
      await waitUntil(async () => {
        const row = await pickerRowShown(content);
        return Number.isInteger(row) && row !== shown;
      }, `the picker ${testId}'s wheel moving on from row ${shown}`);
    }
  } finally {
    await touch.detach().catch(() => undefined);
  }
  await sheet.locator('.weui-picker__action').filter({ hasText: '确定' }).click();
  await sheet.waitFor({ state: 'hidden' });
}

/** `90米` or `距您 90米` → 90; a distance in 公里 is NaN. */
export function metresOf(distance: string): number {
  const match = /(\d+)米$/.exec(distance.trim());
  return match ? Number(match[1]) : NaN;
}
