/**
 * `npm start` / `pnpm start`: the whole system with demo data on the embedded
 * database — builds the H5 app when needed and serves it from the BFF, so one URL
 * shows the product. `--rebuild` forces a fresh H5 build.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, ensurePnpm, pnpm, ROOT } from './ensure-setup.mjs';

ensurePnpm();
ensureDependencies();

const h5Dist = join(ROOT, 'miniapp', 'dist-h5');
const h5Index = join(h5Dist, 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesNewer = () =>
  Math.max(newestMtime(join(ROOT, 'miniapp', 'src')), newestMtime(join(ROOT, 'shared', 'src'))) >
  statSync(h5Index).mtimeMs;

if (process.argv.includes('--rebuild') || !existsSync(h5Index) || sourcesNewer()) {
  console.log('[start] building the H5 app …');
  pnpm(['--filter', '@union/miniapp', 'build:h5']);
}

const bff = spawn('pnpm', ['--filter', '@union/bff', 'start'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: {
    SEED_DEMO_DATA: 'true',
    H5_DIST_DIR: h5Dist,
    PORT: '3000',
    LOG_LEVEL: 'warn',
    ...process.env,
  },
});
const forward = (signal) => () => bff.kill(signal);
process.on('SIGINT', forward('SIGINT'));
process.on('SIGTERM', forward('SIGTERM'));
bff.on('exit', (code) => process.exit(code ?? 0));
