/**
 * A front door for the routes without path parameters (most of the API, and the hottest:
 * nearby stations, the card, vouchers). Each module keeps its own @koa/router, and a request
 * used to pass every router mounted before its own: each matched the path against all its
 * routes, composed a not-found handler and waited on its allowed-methods check (a request
 * for nearby stations crossed sixteen such steps before its own route). Here a literal
 * route is found with one lookup of method and path, and its middleware is composed once.
 *
 * Only routes the routers would dispatch identically are taken: the routers run the first
 * route matching a request, and a route's handler answers without calling the next (so a
 * later `/:id` that also matches never runs). A literal path that an earlier route also
 * matches is left to the routers, as is everything else (parameters, trailing slashes,
 * other letter case, 405 and 501 answers), so the routers stay the single definition of
 * what answers what.
 */
import type Router from '@koa/router';
import compose from 'koa-compose';
import type { Middleware, ParameterizedContext } from 'koa';

type RouterLayer = Router['stack'][number];

interface LiteralRoute {
  path: string;
  run: compose.ComposedMiddleware<ParameterizedContext>;
}

const keyOf = (method: string, path: string) => `${method} ${path}`;

export function literalRoutes(routers: readonly Router[]): Middleware {
  const layers: RouterLayer[] = routers.flatMap((router) => router.stack);
  const table = new Map<string, LiteralRoute>();
  layers.forEach((layer, position) => {
    const path = layer.path;
    if (typeof path !== 'string' || layer.paramNames.length > 0 || layer.methods.length === 0) return;
    const rivals = layers.slice(0, position).filter((earlier) => earlier.match(path));
    for (const method of layer.methods) {
      const contested = rivals.some((other) => other.methods.length === 0 || other.methods.includes(method));
      if (!contested) table.set(keyOf(method, path), { path, run: compose(layer.stack as Middleware[]) });
    }
  });
  return (ctx, next) => {
    const route = table.get(keyOf(ctx.method, ctx.path));
    if (!route) return next();
    // What @koa/router leaves for the middleware below (metrics and logs read the route pattern).
    const routed = ctx as ParameterizedContext & { _matchedRoute?: string; routerPath?: string; params?: object };
    routed._matchedRoute = route.path;
    routed.routerPath = route.path;
    routed.params = {};
    // A matched route ends the API's chain, as it does behind the routers.
    return route.run(ctx, async () => {});
  };
}
