/**
 * Browser end-to-end test: builds the H5 app when its sources changed, starts the real
 * BFF (embedded database, demo data) serving it, and walks through the scenarios in
 * Debian chromium on a phone-sized screen. Prints one line per scenario and ends with
 * "N passed, M failed". On failure: a screenshot in scripts/e2e/.artifacts/<scenario>.png
 * (every phone of the scenario, side by side) and the pages' console errors.
 *
 *   pnpm test:e2e                      all scenarios
 *   pnpm test:e2e tamper               only scenarios whose name or slug contains "tamper"
 *   E2E_SCREENSHOTS=1 pnpm test:e2e    also keep screenshots of the steps that passed
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { startBff, type StartedBff } from '../bench/start-bff';
import { ACTIVITY_SCENARIOS } from './activity-scenarios';
import { CONTEST_SCENARIOS } from './contest-scenarios';
import { FIGURES_SCENARIOS } from './figures-scenarios';
import { QUIZ_SCENARIOS } from './quiz-scenarios';
import { AID_SCENARIOS } from './aid-scenarios';
import { BENEFIT_SCENARIOS } from './benefit-scenarios';
import { describeScreen, openPhone, type Phone, type ScenarioContext } from './harness';
import { SCENARIOS, type Scenario } from './scenarios';
import { STATION_SCENARIOS } from './station-scenarios';

const ROOT = join(import.meta.dirname, '..', '..');
const H5_DIST = join(ROOT, 'miniapp', 'dist-h5');
const ARTIFACTS = join(import.meta.dirname, '.artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The whole run, build included, must end within this; CI can never hang on it. */
const GLOBAL_TIMEOUT_MS = 480_000;
const SCENARIO_TIMEOUT_MS = 90_000;
const BUILD_TIMEOUT_MS = 300_000;
const KEEP_CHECKPOINTS = process.env.E2E_SCREENSHOTS === '1';

const startedAt = Date.now();
const deadline = startedAt + GLOBAL_TIMEOUT_MS;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------
// H5 build

/** Newest modification time of the files that go into the H5 bundle (tests excluded). */
function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function h5BuildIsStale(): string | null {
  let builtAt: number;
  try {
    builtAt = statSync(join(H5_DIST, 'index.html')).mtimeMs;
  } catch {
    return 'miniapp/dist-h5/index.html is missing';
  }
  for (const dir of ['miniapp/src', 'shared/src', 'miniapp/config']) {
    if (newestSourceMtime(join(ROOT, dir)) > builtAt) return `${dir} changed since the last H5 build`;
  }
  return null;
}

async function ensureH5Build(): Promise<void> {
  const reason = h5BuildIsStale();
  if (!reason) return log('H5 build is up to date');
  log(`building H5 (${reason}) …`);
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', '@union/miniapp', 'build:h5'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const timer = setTimeout(() => {
      output.push(`\n[e2e] build timed out after ${seconds(BUILD_TIMEOUT_MS)}\n`);
      process.kill(-child.pid!, 'SIGKILL');
    }, BUILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0) {
    process.stderr.write(output.join('').slice(-8000));
    throw new Error(`the H5 build failed (exit ${code})`);
  }
  log(`built H5 in ${seconds(Date.now() - started)}`);
}

// ---------------------------------------------------------------------------------------
// Resources that must always be released

let bff: StartedBff | null = null;
let browser: Browser | null = null;
let cleanedUp: Promise<void> | null = null;

function cleanUp(): Promise<void> {
  cleanedUp ??= (async () => {
    const closing = browser?.close().catch(() => undefined);
    const stopping = bff?.stop().catch(() => undefined);
    await Promise.race([Promise.all([closing, stopping]), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  })();
  return cleanedUp;
}

function exitAfterCleanUp(code: number, message?: string): never {
  if (message) process.stderr.write(`${message}\n`);
  void cleanUp().finally(() => process.exit(code));
  // Whatever happens while stopping, leave.
  setTimeout(() => process.exit(code), 15_000).unref();
  return undefined as never;
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => exitAfterCleanUp(code, `e2e: ${signal}, stopping the BFF and the browser`));
}
process.on('unhandledRejection', (reason) => exitAfterCleanUp(1, `e2e: unhandled rejection: ${String(reason)}`));

// Last resort if a step hangs somewhere the per-step timeouts do not reach.
setTimeout(
  () => exitAfterCleanUp(1, `e2e: global timeout (${seconds(GLOBAL_TIMEOUT_MS)}) reached; giving up`),
  GLOBAL_TIMEOUT_MS + 10_000,
).unref();

// ---------------------------------------------------------------------------------------
// Scenarios

interface Outcome {
  scenario: Scenario;
  ok: boolean;
  ms: number;
  error?: unknown;
  phones: Phone[];
}

/** Every phone of a failed scenario, side by side, in one PNG. */
async function saveFailureScreenshot(slug: string, phones: Phone[]): Promise<string | null> {
  const shots: PNG[] = [];
  for (const phone of phones) {
    const buffer = await phone.page.screenshot({ timeout: 5000, animations: 'disabled' }).catch(() => null);
    if (buffer) shots.push(PNG.sync.read(buffer));
  }
  if (shots.length === 0) return null;
  const gap = 16;
  const width = shots.reduce((sum, shot) => sum + shot.width, 0) + gap * (shots.length - 1);
  const height = Math.max(...shots.map((shot) => shot.height));
  const sheet = new PNG({ width, height });
  sheet.data.fill(0x80);
  let x = 0;
  for (const shot of shots) {
    PNG.bitblt(shot, sheet, 0, 0, shot.width, shot.height, x, 0);
    x += shot.width + gap;
  }
  const path = join(ARTIFACTS, `${slug}.png`);
  writeFileSync(path, PNG.sync.write(sheet));
  return path;
}

function timeout(ms: number, what: string): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

async function runScenario(scenario: Scenario, baseUrl: string): Promise<Outcome> {
  const phones: Phone[] = [];
  let finished = false;
  const ctx: ScenarioContext = {
    baseUrl,
    async openPhone(label) {
      // A scenario that timed out keeps running in the background; it must not open more pages.
      if (finished) throw new Error('the scenario has already ended');
      const phone = await openPhone(browser!, baseUrl, label);
      phones.push(phone);
      return phone;
    },
    async checkpoint(phone, name) {
      if (!KEEP_CHECKPOINTS) return;
      // Fast-forwards the router's page slide, so the picture shows the page that was checked.
      await phone.page.screenshot({ path: join(ARTIFACTS, `${scenario.slug}--${name}.png`), animations: 'disabled' });
    },
  };
  const started = Date.now();
  const byDeadline = deadline - Date.now() < SCENARIO_TIMEOUT_MS;
  const limit = Math.min(SCENARIO_TIMEOUT_MS, deadline - Date.now());
  const timer = timeout(
    limit,
    byDeadline
      ? `the whole run (global timeout ${seconds(GLOBAL_TIMEOUT_MS)})`
      : `the scenario (limit ${seconds(limit)})`,
  );
  try {
    await Promise.race([scenario.run(ctx), timer.promise]);
    return { scenario, ok: true, ms: Date.now() - started, phones };
  } catch (error) {
    return { scenario, ok: false, ms: Date.now() - started, error, phones };
  } finally {
    finished = true;
    timer.cancel();
  }
}

function reportFailure(outcome: Outcome, screenshot: string | null, screens: string[][]): void {
  const error = outcome.error;
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const indent = (text: string) => text.replace(/^/gm, '    ');
  log(indent(message.split('\n').slice(0, 8).join('\n')));
  if (screenshot) {
    const order = outcome.phones.map((phone) => phone.label).join(' | ');
    log(`    screenshot: ${screenshot}${outcome.phones.length > 1 ? `  (left to right: ${order})` : ''}`);
  }
  for (const [index, phone] of outcome.phones.entries()) {
    log(`    page of ${phone.label}: ${phone.page.url()}`);
    for (const line of screens[index] ?? []) log(`      ${line}`);
    if (phone.errors.length === 0) log('      no console errors');
    for (const line of phone.errors) log(indent(`  ${line}`).split('\n').slice(0, 6).join('\n'));
    if (phone.apiLog.length > 0) log(`      last API calls: ${phone.apiLog.slice(-6).join('; ')}`);
  }
}

async function main(): Promise<number> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const file of readdirSync(ARTIFACTS)) if (file.endsWith('.png')) rmSync(join(ARTIFACTS, file));

  const filter = process.argv[2];
  const all = [
    ...SCENARIOS,
    ...STATION_SCENARIOS,
    ...AID_SCENARIOS,
    ...BENEFIT_SCENARIOS,
    ...ACTIVITY_SCENARIOS,
    ...QUIZ_SCENARIOS,
    ...CONTEST_SCENARIOS,
    ...FIGURES_SCENARIOS,
  ];
  const scenarios = filter ? all.filter((s) => s.name.includes(filter) || s.slug.includes(filter)) : all;
  if (scenarios.length === 0) throw new Error(`no scenario matches "${filter}"`);

  await ensureH5Build();

  let started = Date.now();
  bff = await startBff({ H5_DIST_DIR: H5_DIST, RATE_LIMIT_SCALE: '100' });
  log(`BFF serving the H5 app at ${bff.url} (started in ${seconds(Date.now() - started)})`);

  started = Date.now();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  log(`chromium ${browser.version()} (started in ${seconds(Date.now() - started)})`);

  let passed = 0;
  let failed = 0;
  for (const scenario of scenarios) {
    if (cleanedUp) break; // interrupted: the browser is gone, nothing more to report
    if (Date.now() >= deadline) {
      log(`✗ ${scenario.name} (not run: global timeout)`);
      failed++;
      continue;
    }
    const outcome = await runScenario(scenario, bff.url);
    if (cleanedUp) break;
    if (outcome.ok) {
      passed++;
      log(`✓ ${scenario.name} (${seconds(outcome.ms)})`);
    } else {
      failed++;
      log(`✗ ${scenario.name} (${seconds(outcome.ms)})`);
      const screens = await Promise.all(outcome.phones.map(describeScreen));
      reportFailure(outcome, await saveFailureScreenshot(scenario.slug, outcome.phones), screens);
    }
    await Promise.all(outcome.phones.map((phone) => phone.context.close().catch(() => undefined)));
  }

  await cleanUp();
  log(`total ${seconds(Date.now() - startedAt)}`);
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => exitAfterCleanUp(code),
  (error: unknown) => {
    log(`e2e could not run: ${error instanceof Error ? error.message : String(error)}`);
    log(`0 passed, 1 failed`);
    exitAfterCleanUp(1);
  },
);
