import type { Compilation, Compiler } from 'webpack';

/** Where the H5 build lists its first screen's files; a dot file, so the BFF never serves it. */
export const FIRST_SCREEN_MANIFEST = '.first-screen.json';

/**
 * Writes which files the browser needs before the first page can be drawn: the entry's
 * chunks (the scripts index.html loads) and the chunks of the first page, which the entry
 * fetches at once. scripts/check-weapp-size.mjs weighs them against the H5 budget.
 */
export class FirstScreenManifestPlugin {
  constructor(private readonly firstPage: string) {}

  apply(compiler: Compiler) {
    compiler.hooks.thisCompilation.tap('FirstScreenManifestPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'FirstScreenManifestPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const entry = [...compilation.entrypoints.values()].flatMap((group) => filesOf(group));
          const pageGroups = compilation.chunkGroups.filter((group) =>
            group.origins.some((origin) => origin.request?.replace(/\.\w+$/, '').endsWith(this.firstPage)),
          );
          if (pageGroups.length === 0) {
            compilation.errors.push(new compiler.webpack.WebpackError(`first page ${this.firstPage} not found`));
            return;
          }
          const page = pageGroups.flatMap((group) => filesOf(group));
          const manifest = { firstPage: this.firstPage, entry, page: page.filter((file) => !entry.includes(file)) };
          compilation.emitAsset(
            FIRST_SCREEN_MANIFEST,
            new compiler.webpack.sources.RawSource(`${JSON.stringify(manifest, null, 2)}\n`),
          );
        },
      );
    });
  }
}

function filesOf(group: Compilation['chunkGroups'][number]): string[] {
  return [...new Set(group.chunks.flatMap((chunk) => [...chunk.files]))].filter((file) => /\.(js|css)$/.test(file));
}
