import type { Middleware } from 'koa';

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    await next();
    // Personal data must not sit in shared caches.
    if (ctx.path.startsWith('/api/') && !ctx.path.startsWith('/api/docs')) ctx.set('Cache-Control', 'no-store');
  };
}
