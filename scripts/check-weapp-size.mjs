#!/usr/bin/env node
/**
 * Checks the weapp build against WeChat's package limits: the main package and each
 * subpackage must stay under 2 MB, everything together under 20 MB. WeChat DevTools
 * cannot run here, so this is the only place those limits are enforced before upload.
 *
 * Builds the weapp first when miniapp/dist is missing or older than its sources.
 * Plain Node, no dependencies: `node scripts/check-weapp-size.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;
const PACKAGE_LIMIT = 2 * MB;
const TOTAL_LIMIT = 20 * MB;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const miniapp = join(root, 'miniapp');
const dist = join(miniapp, 'dist');
const appJson = join(dist, 'app.json');

/** Everything that changes the weapp output. Tests do not. */
const SOURCES = [
  join(miniapp, 'src'),
  join(miniapp, 'config'),
  join(miniapp, 'package.json'),
  join(miniapp, 'babel.config.js'),
  join(root, 'shared', 'src'),
];

function* filesUnder(path) {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    yield* filesUnder(join(path, entry.name));
  }
}

function newestSourceMtime() {
  let newest = 0;
  for (const source of SOURCES) {
    for (const file of filesUnder(source)) {
      if (/\.test\.tsx?$/.test(file)) continue;
      newest = Math.max(newest, statSync(file).mtimeMs);
    }
  }
  return newest;
}

function buildIfStale() {
  // app.json is rewritten by every build, so its age is the build's age.
  const builtAt = existsSync(appJson) ? statSync(appJson).mtimeMs : 0;
  if (builtAt > newestSourceMtime()) return;
  console.log(
    builtAt
      ? 'miniapp/dist is older than its sources: rebuilding the weapp…'
      : 'miniapp/dist is missing: building the weapp…',
  );
  const build = spawnSync('pnpm', ['--filter', '@union/miniapp', 'build:weapp'], { cwd: root, stdio: 'inherit' });
  if (build.error) throw build.error;
  if (build.status !== 0) {
    console.error('weapp build failed');
    process.exit(1);
  }
}

function subpackageRoots() {
  const app = JSON.parse(readFileSync(appJson, 'utf8'));
  const declared = [...(app.subPackages ?? []), ...(app.subpackages ?? [])];
  return declared.map((pkg) => String(pkg.root).replace(/^\/+|\/+$/g, ''));
}

function measure() {
  const roots = subpackageRoots();
  const packages = new Map([['main', { files: 0, bytes: 0 }], ...roots.map((r) => [r, { files: 0, bytes: 0 }])]);
  for (const file of filesUnder(dist)) {
    const path = relative(dist, file).split(sep).join('/');
    const owner = roots.find((r) => path === r || path.startsWith(`${r}/`)) ?? 'main';
    const entry = packages.get(owner);
    entry.files += 1;
    entry.bytes += statSync(file).size;
  }
  return packages;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

buildIfStale();
const packages = measure();
const total = [...packages.values()].reduce((sum, p) => sum + p.bytes, 0);

const rows = [...packages].map(([name, { files, bytes }]) => {
  const ok = bytes < PACKAGE_LIMIT;
  return [
    name === 'main' ? 'main package' : `subpackage ${name}`,
    String(files),
    kb(bytes),
    '2 MB',
    ok ? 'ok' : 'TOO BIG',
  ];
});
rows.push([
  'total',
  String([...packages.values()].reduce((n, p) => n + p.files, 0)),
  kb(total),
  '20 MB',
  total < TOTAL_LIMIT ? 'ok' : 'TOO BIG',
]);

const header = ['package', 'files', 'size', 'limit', ''];
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
rows.forEach((row) => console.log(line(row)));

const failed = rows.some((row) => row[4] !== 'ok');
if (failed) {
  console.error('\nThe weapp exceeds WeChat package limits (2 MB per package, 20 MB in total).');
  process.exit(1);
}
