/**
 * The dependency rules bite: `pnpm lint:deps` runs this beside the real check. The fixture
 * tree under dependency-rules/fixtures is laid out like the repository and breaks each rule
 * once; the real check never looks at it.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { checkDependencies } from './check-dependencies.mjs';

const fixtures = fileURLToPath(new URL('./dependency-rules/fixtures', import.meta.url));
const { violations } = await checkDependencies({ baseDir: fixtures });
const found = (rule) =>
  violations
    .filter((violation) => violation.rule.name === rule)
    .map((violation) => `${violation.from} → ${violation.to}`)
    .sort();

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('fails a cycle between two BFF modules, even when no file cycle carries it', () => {
    assert.deepEqual(found('no-module-cycles'), [
      'bff/src/modules/merchants → bff/src/modules/offers',
      'bff/src/modules/offers → bff/src/modules/merchants',
    ]);
  });

  it('fails a module importing the demo seed, and lets its tests do so', () => {
    assert.deepEqual(found('modules-not-to-seed'), ['bff/src/modules/stations/generated.ts → bff/src/seed/random.ts']);
  });

  it('fails payments importing a product module, and lets it use auth and the http infrastructure', () => {
    assert.deepEqual(found('payments-know-no-product'), [
      'bff/src/modules/payments/orders.ts → bff/src/modules/offers/service.ts',
    ]);
  });

  it('fails shared importing from the BFF', () => {
    assert.deepEqual(found('shared-stands-alone'), ['shared/src/contract.ts → bff/src/modules/offers/service.ts']);
  });

  it('fails a file cycle anywhere in the BFF', () => {
    const cycles = violations.filter((violation) => violation.rule.name === 'no-cycles');
    assert.equal(cycles.length, 1);
    assert.deepEqual(cycles[0].cycle.map((step) => step.name).sort(), [
      'bff/src/http/mount.ts',
      'bff/src/http/routes-table.ts',
    ]);
  });

  it('reports nothing else', () => {
    assert.equal(violations.length, 6);
  });
});
