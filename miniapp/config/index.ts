import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@tarojs/cli';
import CompressionPlugin from 'compression-webpack-plugin';
import { FirstScreenManifestPlugin } from './first-screen-manifest';

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

/** The page H5 opens first (the first of app.config.ts's pages): its weight is the first screen's. */
const FIRST_PAGE = 'pages/login/index';

/** Taro's React proxies for its components, all in one file; see split-taro-components.js. */
const TARO_REACT_COMPONENTS = /@tarojs[\\/]components[\\/]lib[\\/]react[\\/]components\.js$/;

/** Text assets the BFF serves precompressed (brotli, else gzip); below 1 KB compressing gains nothing. */
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

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
      // A Tencent Maps key gives H5 the same map picker (with address search) as weapp.
      ...(process.env.TARO_APP_LOCATION_APIKEY
        ? { LOCATION_APIKEY: JSON.stringify(process.env.TARO_APP_LOCATION_APIKEY) }
        : {}),
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
      // Content-hashed names: the BFF caches these for a year (immutable), index.html never.
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'chunk/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        // Taro splits only initial chunks, so every lazily loaded page would carry its own
        // copy of React, zod and the contract; share them across pages instead.
        const splitChunks = chain.optimization.get('splitChunks');
        chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
        chain.module
          .rule('split-taro-components')
          .test(TARO_REACT_COMPONENTS)
          .enforce('pre')
          .use('split')
          .loader(path.resolve(__dirname, 'split-taro-components.js'));
        for (const algorithm of ['gzip', 'brotliCompress'] as const) {
          chain.plugin(`precompress-${algorithm}`).use(CompressionPlugin, [
            {
              algorithm,
              filename: algorithm === 'gzip' ? '[path][base].gz' : '[path][base].br',
              test: COMPRESSIBLE,
              threshold: 1024,
              minRatio: 0.9,
            },
          ]);
        }
        chain.plugin('first-screen-manifest').use(FirstScreenManifestPlugin, [FIRST_PAGE]);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
});
