/**
 * `pnpm test:e2e`: the browser end-to-end test of the H5 build in Debian chromium.
 * The test itself is TypeScript (main.ts, so it can reuse bench/start-bff.ts); this
 * launcher runs it under tsx's loader, forwards Ctrl-C / SIGTERM and passes on the exit code.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'main.ts'), ...process.argv.slice(2)], {
  cwd: join(here, '..'),
  stdio: 'inherit',
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

// main.ts stops itself after 8 minutes; this is only the last resort if it ever hangs while stopping.
const lastResort = setTimeout(() => {
  console.error('e2e: the test process did not exit in time; killing it');
  child.kill('SIGKILL');
}, 540_000);
lastResort.unref();

child.on('exit', (code, signal) => {
  clearTimeout(lastResort);
  process.exit(code ?? (signal ? 1 : 0));
});
