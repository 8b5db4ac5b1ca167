/**
 * Serves the built H5 app (miniapp/dist-h5), so one URL shows the whole product: files by
 * name, precompressed when the browser accepts it, and index.html for any other GET.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type Koa from 'koa';
import serve from 'koa-static';
import { HttpError } from './errors';

/** The build names scripts and styles by a hash of their content (miniapp/config/index.ts): `app.1a2b3c4d.js`. */
const HASHED_NAME = /\.[0-9a-f]{8}\.\w+(\.br|\.gz)?$/;
/** A hashed file never changes under its name: browsers keep it for a year without asking. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else, index.html above all, is checked with the server before each use, so a new build shows at once. */
export const REVALIDATE = 'no-cache';

export function serveH5(koa: Koa, distDir: string): void {
  const indexFile = join(distDir, 'index.html');
  // koa-send answers with `<file>.br`, else `<file>.gz`, when the browser accepts that
  // encoding and the build wrote one (it precompresses scripts and styles).
  const files = serve(distDir, {
    index: 'index.html',
    brotli: true,
    gzip: true,
    setHeaders: (res: ServerResponse, path: string) => {
      res.setHeader('Cache-Control', HASHED_NAME.test(path) ? IMMUTABLE : REVALIDATE);
      // What is sent depends on Accept-Encoding, so shared caches must keep one copy per encoding.
      res.setHeader('Vary', 'Accept-Encoding');
    },
  });
  koa.use(async (ctx, next) => {
    try {
      await files(ctx, next);
    } catch (caught) {
      // koa-send refuses `..`, absolute and undecodable paths with 400/403 errors of its
      // own; they are bad addresses, not server faults.
      const status = (caught as { status?: number }).status;
      if (status !== undefined && status >= 400 && status < 500) {
        throw new HttpError(400, 'bad_path', '请求地址不正确');
      }
      throw caught;
    }
    if (ctx.response.is('html')) ctx.set('Content-Security-Policy', pageSecurityPolicy(await readFile(indexFile)));
  });
  koa.use(async (ctx, next) => {
    await next();
    const wantsPage = ctx.method === 'GET' && ctx.body === undefined;
    if (wantsPage && existsSync(indexFile)) {
      ctx.status = 200;
      ctx.type = 'html';
      ctx.set('Cache-Control', REVALIDATE);
      ctx.body = await readFile(indexFile);
    }
  });
}

/**
 * What the H5 page may load: its own scripts, styles, images and API, nothing else.
 * Taro's build inlines one script (the rem font-size setter), allowed by its hash read
 * from the page itself so a rebuild keeps working; Taro's components inject <style>
 * elements at run time, hence inline styles. Images come from the API, or from data:
 * and blob: URLs for picked photos and previews.
 */
function pageSecurityPolicy(html: Buffer): string {
  const inlineScripts = [...html.toString('utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)];
  const hashes = inlineScripts
    .map((match) => match[1]!)
    .filter((code) => code.trim() !== '')
    .map((code) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
