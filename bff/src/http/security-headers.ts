import type { Middleware } from 'koa';

/** The API's namespace: its first segment is `api` in any letter case (`/API/me` included). */
const API_PATH = /^\/api(?:\/|$)/i;
export const isApiPath = (path: string) => API_PATH.test(path);

/** The generated docs are the same for everyone, so they may be cached. */
const isPublicDocs = (path: string) => path === '/api/docs' || path.startsWith('/api/docs/');

/** A year: long enough for browsers to remember, as HSTS preload lists expect. */
const HSTS = 'max-age=31536000';

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    // Only over HTTPS: a browser ignores it over HTTP, and `ctx.secure` trusts the proxy only with TRUST_PROXY.
    if (ctx.secure) ctx.set('Strict-Transport-Security', HSTS);
    try {
      await next();
    } finally {
      // Also on errors thrown below (their answer is written later by the error handler):
      // personal data and error details must not sit in shared caches. Public files
      // (station photos) choose their own Cache-Control, which is kept.
      const personal = ctx.get('Authorization') !== '' || (isApiPath(ctx.path) && !isPublicDocs(ctx.path));
      if (personal && !ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
    }
  };
}
