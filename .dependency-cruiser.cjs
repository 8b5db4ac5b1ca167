/**
 * Who may import whom (`pnpm lint:deps`, part of `pnpm lint`). docs/architecture.md draws
 * the picture; these rules keep it true. They judge the code that ships: tests and their
 * support files may reach across modules to set a scene, so they are left out of the graph.
 */
const MODULES = '^bff/src/modules/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycles',
      comment:
        'BFF modules form layers: a module may use the ones below it, never one that uses it back. ' +
        'Move the shared piece down, or let the lower module offer a registry the upper one fills.',
      severity: 'error',
      // Folder level, so a cycle counts even when no single file closes it. (A module's subfolder
      // is a folder of its own here: a cycle through one is seen once its files use the module.)
      scope: 'folder',
      from: { path: `${MODULES}[^/]+` },
      to: { path: `${MODULES}[^/]+`, circular: true },
    },
    {
      name: 'no-cycles',
      comment: 'No file of the BFF imports itself back through others; a cycle makes the load order matter.',
      severity: 'error',
      from: { path: '^bff/src/' },
      to: { circular: true },
    },
    {
      name: 'modules-not-to-seed',
      comment: 'seed/ is demo data for development; the application never depends on it.',
      severity: 'error',
      from: { path: MODULES },
      to: { path: '^bff/src/seed/' },
    },
    {
      name: 'payments-know-no-product',
      comment:
        'payments/ sells whatever registers a product adapter with it. It may use who is acting (auth/), ' +
        'the event trail every feature writes to (event-trail/) and the shared infrastructure, never a product.',
      severity: 'error',
      from: { path: `${MODULES}payments/` },
      to: { path: MODULES, pathNot: [`${MODULES}(payments|auth|event-trail)/`] },
    },
    {
      name: 'shared-stands-alone',
      comment: 'shared/ is the contract both sides build on; it knows neither of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(bff|miniapp)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the checker cannot resolve would slip past every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // tsconfig.base.json's Bundler resolution: extensionless relative imports, workspace
    // packages (@union/shared) through their package.json exports, followed into shared/src.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: [
        'node_modules',
        '/dist/',
        '/dist-h5/',
        '\\.test\\.tsx?$',
        '(^|/)test-support\\.ts$',
        '^(bff|miniapp)/test/',
        '^scripts/dependency-rules/fixtures/',
      ],
    },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
