import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { literalRoutes } from './literal-routes';

/** Two routers as modules build them; which handler answered, and with what route pattern. */
function app() {
  const first = new Router({ sensitive: true });
  first.get('/api/things/:id', (ctx) => {
    ctx.body = { by: 'thing by id', id: ctx.params.id };
  });
  first.get('/api/things', (ctx) => {
    ctx.body = { by: 'things', route: (ctx as { _matchedRoute?: string })._matchedRoute };
  });
  const second = new Router({ sensitive: true });
  // Shadowed by the earlier `/:id`: the routers answer it with that route, so must the fast path.
  second.get('/api/things/special', (ctx) => {
    ctx.body = { by: 'special' };
  });
  second.get('/api/others/nearby', (ctx) => {
    ctx.body = { by: 'nearby', params: ctx.params };
  });
  second.get('/api/others/:id', (ctx) => {
    ctx.body = { by: 'other by id' };
  });
  const koa = new Koa();
  const routers = [first, second];
  koa.use(literalRoutes(routers));
  for (const router of routers) koa.use(router.routes()).use(router.allowedMethods());
  return koa;
}

let server: ReturnType<Koa['listen']>;
let base: string;
beforeAll(async () => {
  server = app().listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const get = async (path: string, method = 'GET') => {
  const response = await fetch(base + path, { method });
  return { status: response.status, body: method === 'HEAD' ? null : await response.text() };
};

describe('literal routes in front of the routers', () => {
  it('answer a literal path with its route, as the routers would', async () => {
    expect(await get('/api/things')).toEqual({ status: 200, body: '{"by":"things","route":"/api/things"}' });
    // Literal before a later `/:id`: the literal answers, with no parameters.
    expect(await get('/api/others/nearby')).toEqual({ status: 200, body: '{"by":"nearby","params":{}}' });
    expect((await get('/api/others/nearby', 'HEAD')).status).toBe(200);
  });

  it('leave to the routers what an earlier route also matches, and everything else', async () => {
    expect(await get('/api/things/special')).toEqual({ status: 200, body: '{"by":"thing by id","id":"special"}' });
    expect(await get('/api/others/abc')).toEqual({ status: 200, body: '{"by":"other by id"}' });
    expect(await get('/api/things/')).toEqual({ status: 200, body: '{"by":"things","route":"/api/things"}' });
    expect((await get('/API/things')).status).toBe(404);
    expect((await get('/api/things', 'POST')).status).toBe(405);
  });
});
