// Bundles the BFF for production into dist/main.js (the server) and dist/rebuild-figures.js
// (the counters' rebuild command). The shared workspace package is
// TypeScript source, so it is bundled in; every other dependency stays in node_modules.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
const external = dependencies.filter((name) => name !== '@union/shared');

const result = await build({
  entryPoints: ['src/main.ts', 'src/rebuild-figures.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: [...external, '@noble/*', '@scure/*', 'zod'],
  metafile: true,
  logLevel: 'info',
});

// What the bundle imports at run time must be the BFF's own dependency: with pnpm's strict
// node_modules (and in the production image, which installs only these) a package that only
// shared/ depends on cannot be found, and the server would fail at start-up, not here.
const packageOf = (path) =>
  (path.startsWith('@') ? path.split('/').slice(0, 2) : path.split('/').slice(0, 1)).join('/');
const missing = new Set();
for (const output of Object.values(result.metafile.outputs)) {
  for (const { path, external: isExternal } of output.imports) {
    if (!isExternal || path.startsWith('node:') || builtinModules.includes(path)) continue;
    if (!dependencies.includes(packageOf(path))) missing.add(packageOf(path));
  }
}
if (missing.size > 0) {
  console.error(`The bundle imports packages that are not dependencies of @union/bff: ${[...missing].join(', ')}`);
  process.exit(1);
}
