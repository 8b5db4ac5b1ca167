/**
 * The API takes JSON bodies, except on the routes that read a raw body on purpose
 * (uploads, signed payment notifications). The JSON parser skips any other content
 * type, so without this check a form or text body would be dropped silently and the
 * request would run as if it had sent nothing.
 */
import Router from '@koa/router';
import type { Endpoint } from '@union/shared';
import type { Middleware, ParameterizedContext } from 'koa';
import { UnsupportedMediaTypeError } from './errors';

/** Whether the request sends any bytes: a declared non-zero length, or a chunked body. */
function carriesBody(ctx: ParameterizedContext): boolean {
  const length = ctx.get('Content-Length');
  if (length !== '') return Number(length) !== 0;
  return ctx.get('Transfer-Encoding') !== '';
}

/** `endpoints`: the whole contract; those declaring `rawBody` may receive any content type. */
export function jsonBodiesOnly(endpoints: readonly Endpoint[]): Middleware {
  // The router's own matcher (case-sensitive, like the API routes), so a raw route is
  // recognised exactly when it would be routed.
  const rawRoutes = new Router({ sensitive: true });
  for (const endpoint of endpoints) {
    if (endpoint.rawBody) rawRoutes.register(endpoint.path, [endpoint.method], () => undefined);
  }
  return async (ctx, next) => {
    if (carriesBody(ctx) && !ctx.is('json', '+json') && !rawRoutes.match(ctx.path, ctx.method).route) {
      throw UnsupportedMediaTypeError();
    }
    await next();
  };
}
