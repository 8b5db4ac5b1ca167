#!/usr/bin/env node
/**
 * Checks the weapp build against WeChat's package limits: the main package and each
 * subpackage must stay under 2 MB, everything together under 20 MB. WeChat DevTools
 * cannot run here, so this is the only place those limits are enforced before upload.
 *
 * Beside them, the H5 build's first screen: the JavaScript a browser must fetch before the
 * login page can be drawn (index.html's scripts and the login page's chunks, as listed by
 * the build in dist-h5/.first-screen.json), compressed as the BFF sends it, against a
 * budget of 150 KB gzipped.
 *
 * Builds the weapp (and the H5 app) first when its output is missing or older than its sources.
 * Plain Node, no dependencies: `node scripts/check-weapp-size.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

const MB = 1024 * 1024;
const PACKAGE_LIMIT = 2 * MB;
const TOTAL_LIMIT = 20 * MB;
/** Gzipped JavaScript before the H5 first screen: about a second on a slow 4G connection. */
const FIRST_SCREEN_BUDGET = 150 * 1024;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const miniapp = join(root, 'miniapp');
const dist = join(miniapp, 'dist');
const appJson = join(dist, 'app.json');
const h5Dist = join(miniapp, 'dist-h5');
/** Written by every H5 build (miniapp/config/first-screen-manifest.ts). */
const firstScreenManifest = join(h5Dist, '.first-screen.json');

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

function buildIfStale(platform, builtFile, outputDir) {
  // This file is rewritten by every build, so its age is the build's age.
  const builtAt = existsSync(builtFile) ? statSync(builtFile).mtimeMs : 0;
  if (builtAt > newestSourceMtime()) return;
  console.log(
    builtAt
      ? `miniapp/${outputDir} is older than its sources: rebuilding ${platform}…`
      : `miniapp/${outputDir} is missing: building ${platform}…`,
  );
  const build = spawnSync('pnpm', ['--filter', '@union/miniapp', `build:${platform}`], { cwd: root, stdio: 'inherit' });
  if (build.error) throw build.error;
  if (build.status !== 0) {
    console.error(`${platform} build failed`);
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

buildIfStale('weapp', appJson, 'dist');
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

/** Sizes as sent: the build's precompressed copies where it wrote them (it skips tiny files). */
function sentSizes(file) {
  const raw = readFileSync(file);
  const copy = (ext, compress) => (existsSync(file + ext) ? statSync(file + ext).size : compress(raw).length);
  return {
    raw: raw.length,
    gzip: copy('.gz', (bytes) => gzipSync(bytes, { level: 9 })),
    brotli: copy('.br', (bytes) => brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } })),
  };
}

function measureFirstScreen() {
  const manifest = JSON.parse(readFileSync(firstScreenManifest, 'utf8'));
  const groups = [
    ['H5 entry (index.html scripts)', manifest.entry],
    [`H5 ${manifest.firstPage} chunks`, manifest.page],
  ];
  return groups.map(([name, files]) => {
    const scripts = files.filter((file) => file.endsWith('.js'));
    const sizes = scripts.map((file) => sentSizes(join(h5Dist, file)));
    const sum = (key) => sizes.reduce((total, size) => total + size[key], 0);
    return { name, files: scripts.length, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
  });
}

function printTable(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((row) => console.log(line(row)));
}

printTable(['package', 'files', 'size', 'limit', ''], rows);
const weappFailed = rows.some((row) => row[4] !== 'ok');

buildIfStale('h5', firstScreenManifest, 'dist-h5');
const firstScreen = measureFirstScreen();
const firstScreenGzip = firstScreen.reduce((sum, group) => sum + group.gzip, 0);
const firstScreenRows = firstScreen.map((group) => [
  group.name,
  String(group.files),
  kb(group.raw),
  kb(group.gzip),
  kb(group.brotli),
  '',
  '',
]);
firstScreenRows.push([
  'H5 JS before the first screen',
  String(firstScreen.reduce((n, group) => n + group.files, 0)),
  kb(firstScreen.reduce((sum, group) => sum + group.raw, 0)),
  kb(firstScreenGzip),
  kb(firstScreen.reduce((sum, group) => sum + group.brotli, 0)),
  `${FIRST_SCREEN_BUDGET / 1024} KB gzip`,
  firstScreenGzip <= FIRST_SCREEN_BUDGET ? 'ok' : 'TOO BIG',
]);
console.log('');
printTable(['H5 first screen', 'files', 'raw', 'gzip', 'brotli', 'budget', ''], firstScreenRows);

if (weappFailed) console.error('\nThe weapp exceeds WeChat package limits (2 MB per package, 20 MB in total).');
if (firstScreenGzip > FIRST_SCREEN_BUDGET) {
  console.error(
    '\nThe H5 login page needs more than 150 KB of gzipped JavaScript before it is drawn: load what it does not need at once lazily (see README).',
  );
}
if (weappFailed || firstScreenGzip > FIRST_SCREEN_BUDGET) process.exit(1);
