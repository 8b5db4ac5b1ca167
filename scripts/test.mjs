/**
 * `npm test` / `pnpm test`: every check of the system, in order: the lint (import
 * rules, ESLint, Prettier), unit and integration (shared, bff), component
 * (miniapp), the weapp size check, and the browser test on the H5 build in Debian
 * chromium.
 */
import { ensureChromium, ensureDependencies, ensurePnpm, pnpm } from './ensure-setup.mjs';

ensurePnpm();
ensureDependencies();
ensureChromium();

const steps = [
  ['lint: import rules, ESLint, Prettier', ['run', 'lint']],
  ['shared: domain rules', ['--filter', '@union/shared', 'test']],
  ['bff: API integration', ['--filter', '@union/bff', 'test']],
  ['miniapp: components', ['--filter', '@union/miniapp', 'test']],
  ['weapp package size', ['run', 'test:size']],
  ['browser (H5 in chromium)', ['run', 'test:e2e']],
];
for (const [title, args] of steps) {
  console.log(`\n=== ${title} ===`);
  pnpm(args);
}
console.log('\nAll test suites passed.');
