/**
 * Makes a fresh clone runnable with nothing but Node 20: installs the pinned pnpm
 * if it is missing, installs dependencies when node_modules is missing or stale,
 * and (for the browser tests) Debian's chromium when it is absent and we are root.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function pnpmVersion() {
  try {
    return execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * Uses the pinned pnpm: the one on PATH when it matches, otherwise a private copy
 * installed into .tools/ (no root needed), put first on PATH for every child process.
 */
export function ensurePnpm() {
  const toolsBin = join(ROOT, '.tools', 'node_modules', '.bin');
  process.env.PATH = `${toolsBin}:${process.env.PATH}`;
  if (pnpmVersion() === PNPM_VERSION) return;
  console.log(`[setup] installing pnpm ${PNPM_VERSION} into .tools/ …`);
  run('npm', ['install', '--no-save', '--no-package-lock', '--prefix', join(ROOT, '.tools'), `pnpm@${PNPM_VERSION}`]);
}

export function ensureDependencies() {
  const marker = join(ROOT, 'node_modules', '.modules.yaml');
  const lockfile = join(ROOT, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lockfile).mtimeMs) return;
  console.log('[setup] installing dependencies …');
  run('pnpm', ['install', '--frozen-lockfile']);
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Browser tests need Debian chromium at ${CHROMIUM}: run  sudo apt-get install -y chromium`);
  }
  console.log('[setup] installing Debian chromium …');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export function pnpm(args, options = {}) {
  run('pnpm', args, options);
}
