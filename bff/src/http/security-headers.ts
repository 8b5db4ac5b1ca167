import type { Middleware } from 'koa';

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    await next();
    // Personal data must not sit in shared caches; public files (station photos) say otherwise themselves.
    const chosen = ctx.response.get('Cache-Control');
    if (ctx.path.startsWith('/api/') && !ctx.path.startsWith('/api/docs') && !chosen)
      ctx.set('Cache-Control', 'no-store');
  };
}
