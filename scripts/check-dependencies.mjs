/**
 * `pnpm lint:deps`: holds the code to the import rules in .dependency-cruiser.cjs and fails
 * on a violation. Two passes, because dependency-cruiser finds folder cycles over every
 * folder: module cycles are looked for among the BFF modules alone (a module's routes using
 * http/mount, which uses auth, is not a cycle between modules); every other rule sees it all.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['bff/src', 'shared/src', 'miniapp/src'];
const MODULES = 'bff/src/modules';

const isFolderRule = (rule) => rule.scope === 'folder';

/**
 * Cruises `baseDir` (the repository, or a test's fixture tree laid out like it) and returns
 * the violations, each `{ rule: { name }, from, to, cycle? }`, plus the text report.
 */
export async function checkDependencies({ baseDir = ROOT } = {}) {
  const { ruleSet, ...options } = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const transpile = { tsConfig: extractTSConfig(join(ROOT, options.tsConfig.fileName)) };
  const withRules = (forbidden, extra) => ({
    ...options,
    ...extra,
    baseDir,
    ruleSet: { ...ruleSet, forbidden },
    validate: true,
    outputType: 'json',
  });
  const folderRules = new Set(ruleSet.forbidden.filter(isFolderRule).map((rule) => rule.name));
  const present = (dirs) => dirs.filter((dir) => existsIn(baseDir, dir));

  const passes = [
    [present(SOURCES), withRules(ruleSet.forbidden.filter((rule) => !isFolderRule(rule)))],
    [present([MODULES]), withRules(ruleSet.forbidden.filter(isFolderRule), { includeOnly: `^${MODULES}/` })],
  ];
  const violations = [];
  const reports = [];
  for (const [dirs, cruiseOptions] of passes) {
    if (dirs.length === 0) continue;
    const { output } = await cruise(dirs, cruiseOptions, {}, transpile);
    const result = JSON.parse(output);
    violations.push(...result.summary.violations);
    if (result.summary.violations.length === 0) continue;
    reports.push((await format(result, { outputType: 'err' })).output.replace(/^\n+|\s+$/g, ''));
    const folderCycles = result.summary.violations.filter((violation) => folderRules.has(violation.rule.name));
    if (folderCycles.length > 0) reports.push(importsBehind(folderCycles, result.modules));
  }
  return { violations, report: `${reports.join('\n\n')}\n` };
}

/** A cycle between folders names no file: list the imports that make each of its steps. */
function importsBehind(cycles, modules) {
  const lines = ['The imports behind these module cycles:'];
  const steps = new Set(cycles.map(({ from, to }) => `${from}\n${to}`));
  for (const step of steps) {
    const [from, to] = step.split('\n');
    lines.push(`  ${from} → ${to}`);
    for (const module of modules.filter(({ source }) => source.startsWith(`${from}/`))) {
      for (const { resolved } of module.dependencies.filter((dependency) => dependency.resolved.startsWith(`${to}/`))) {
        lines.push(`      ${module.source} → ${resolved}`);
      }
    }
  }
  return lines.join('\n');
}

function existsIn(baseDir, dir) {
  try {
    return statSync(join(baseDir, dir)).isDirectory();
  } catch {
    return false;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { violations, report } = await checkDependencies();
  if (violations.length > 0) {
    process.stderr.write(report);
    process.exitCode = 1;
  } else {
    console.log('Dependency rules hold (.dependency-cruiser.cjs).');
  }
}
