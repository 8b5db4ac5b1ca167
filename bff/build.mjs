// Bundles the BFF for production into dist/main.js (the server) and dist/rebuild-figures.js
// (the counters' rebuild command). The shared workspace package is
// TypeScript source, so it is bundled in; every other dependency stays in node_modules.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).filter(
  (name) => name !== '@union/shared',
);

await build({
  entryPoints: ['src/main.ts', 'src/rebuild-figures.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: [...external, '@noble/*', '@scure/*', 'zod'],
  logLevel: 'info',
});
