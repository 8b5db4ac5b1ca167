import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@tarojs/cli';

/**
 * Where the weapp calls the BFF. Mini-programs can only reach HTTPS hosts on the
 * allow-list set in the WeChat console, so this is fixed at build time:
 *   TARO_APP_API_BASE=https://api.your-union.cn pnpm build:weapp
 * The H5 build is served by the BFF itself and always uses relative `/api/...` URLs.
 */
const WEAPP_API_BASE = process.env.TARO_APP_API_BASE || 'https://api.example-union.cn';

/**
 * The H5 demo sign-in (体验登录 and the demo staff chips). Production H5 builds, which
 * staff use in a browser, turn it off: TARO_APP_DEMO_LOGIN=false pnpm build:h5.
 * The BFF refuses demo sign-in in production regardless.
 */
const DEMO_LOGIN = process.env.TARO_APP_DEMO_LOGIN !== 'false';

/** @union/shared ships TypeScript source; Taro only compiles src/ and taro packages unless told. */
const sharedPackageRoot = fs.realpathSync(path.resolve(__dirname, '../node_modules/@union/shared'));

export default defineConfig<'webpack5'>(() => {
  const isH5 = process.env.TARO_ENV === 'h5';
  return {
    projectName: 'union-member-services',
    date: '2026-01-01',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Separate roots so building one platform never overwrites the other.
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    defineConstants: {
      API_BASE: JSON.stringify(isH5 ? '' : WEAPP_API_BASE),
      DEMO_LOGIN: JSON.stringify(DEMO_LOGIN),
    },
    mini: {
      compile: { include: [sharedPackageRoot] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // Hash routes: deep links work from the BFF's single index.html with no server rewrites.
      router: { mode: 'hash' },
      compile: { include: [sharedPackageRoot] },
      webpackChain(chain) {
        // Taro splits only initial chunks, so every lazily loaded page would carry its own
        // copy of React, zod and the contract; share them across pages instead.
        const splitChunks = chain.optimization.get('splitChunks');
        chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
});
