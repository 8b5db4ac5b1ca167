/**
 * A route is one line: `mount(endpoints.claim, handler)`. Everything else a route needs is
 * read from its contract entry, so it is said once: method and path, who may call it
 * (public, signed in, staff with roles), its rate limit, its upload limits, the validation
 * of path, query and body, and (outside production) the check of the answer against the
 * response schema and of a hot route's own query reader against the query schema. Guards
 * that need the object or the account (a clerk's merchant binding, a login failure budget)
 * go between validation and the handler.
 */
import type Router from '@koa/router';
import type { Middleware, ParameterizedContext } from 'koa';
import { STAFF_ROLES, type Endpoint, type EndpointParams, type EndpointResponse } from '@union/shared';
import type { AppContext } from '../app-context';
import type { Actor } from '../modules/auth/actor';
import { requireRole } from '../modules/auth/authenticate';
import { HttpError } from './errors';
import { JSON_CONTENT_TYPE, JsonBytes } from './json-bytes';
import { readRawUpload, type RawUpload } from './raw-body';
import { validate, type QueryReading, type ValidInput } from './validate';

export interface HandlerArgs<E extends Endpoint> extends Omit<ValidInput<E>, 'params'> {
  /** The path's `:name` parameters, already checked. */
  params: EndpointParams<E>;
  /** The signed-in caller (absent on public endpoints). */
  actor: Actor;
  ctx: ParameterizedContext;
  /**
   * Reads the upload of an endpoint declaring `rawBody`, within its size and kinds. Called by
   * the handler once it has checked what the upload is for, so a refused caller's file is never read.
   */
  upload(): Promise<RawUpload>;
}

/** A handler answers with the response's value, or with it already serialised (http/json-bytes.ts). */
type Answer<E extends Endpoint> = EndpointResponse<E> | JsonBytes<EndpointResponse<E>>;

export type RouteHandler<E extends Endpoint> = (args: HandlerArgs<E>) => Promise<Answer<E>> | Answer<E>;

/** What a route may add to its contract entry. */
export interface MountOptions<E extends Endpoint> {
  /** A hot route's own query reader (see validate.ts); outside production checked against the schema. */
  readQuery?: QueryReading<E>['readQuery'];
}

export interface Mount {
  <E extends Endpoint>(endpoint: E, handler: RouteHandler<E>, options?: MountOptions<E>): void;
  <E extends Endpoint>(
    endpoint: E,
    guards: readonly Middleware[],
    handler: RouteHandler<E>,
    options?: MountOptions<E>,
  ): void;
}

/** `mount` for one module's router: `const mount = mounter(app, router)`. */
export function mounter(app: AppContext, router: Router): Mount {
  return <E extends Endpoint>(
    endpoint: E,
    guardsOrHandler: readonly Middleware[] | RouteHandler<E>,
    handlerOrOptions?: RouteHandler<E> | MountOptions<E>,
    maybeOptions?: MountOptions<E>,
  ) => {
    const withGuards = typeof guardsOrHandler !== 'function';
    const guards = withGuards ? guardsOrHandler : [];
    const handler = (withGuards ? handlerOrOptions : guardsOrHandler) as RouteHandler<E>;
    const options = (withGuards ? maybeOptions : handlerOrOptions) as MountOptions<E> | undefined;
    const reading: QueryReading<E> = { readQuery: options?.readQuery, crossCheck: app.checkResponses };
    const chain = chainOf(app, endpoint, reading);
    router[endpoint.method](endpoint.path, ...chain, ...guards, respond(app, endpoint, handler));
  };
}

/** Access, then the rate limit (per account once known), then validation. */
function chainOf<E extends Endpoint>(app: AppContext, endpoint: E, reading: QueryReading<E>): Middleware[] {
  const chain: Middleware[] = [];
  if (endpoint.access !== 'public') chain.push(app.authenticate);
  if (endpoint.access === 'staff') chain.push(requireRole(endpoint.roles ?? STAFF_ROLES));
  if (endpoint.rateLimit) {
    const { onlyWithBodyField, ...options } = endpoint.rateLimit;
    const limit = app.rateLimit(options);
    if (!onlyWithBodyField) chain.push(limit);
    else {
      // Counted after validation, when the body is known to be well formed.
      chain.push(validate(endpoint, reading));
      chain.push((ctx, next) => (hasField(ctx.request.body, onlyWithBodyField) ? limit(ctx, next) : next()));
      return chain;
    }
  }
  chain.push(validate(endpoint, reading));
  return chain;
}

const hasField = (body: unknown, field: string) =>
  typeof body === 'object' && body !== null && Boolean((body as Record<string, unknown>)[field]);

/**
 * Runs the handler with the validated input and sends its result. Outside production the
 * result is checked against the endpoint's response schema, so a presenter drifting from
 * the contract fails tests.
 */
function respond<E extends Endpoint>(app: AppContext, endpoint: E, handler: RouteHandler<E>): Middleware {
  return async (ctx) => {
    const input = ctx.state.input as ValidInput<E>;
    const upload = () => {
      if (!endpoint.rawBody) throw new Error(`${endpoint.path} declares no rawBody`);
      return readRawUpload(ctx, endpoint.rawBody);
    };
    const params = input.params as EndpointParams<E>;
    // Named, not spread: V8 builds an object literal that spreads and then adds properties on a
    // slow path (~2 µs alone; the nearby route ran at 14k req/s with it, 19k without).
    const actor = ctx.state.actor as Actor;
    const result = await handler({ body: input.body, query: input.query, params, actor, ctx, upload });
    const serialized = result instanceof JsonBytes;
    // Binary answers (images, spreadsheets) set their own content type in the handler.
    if (app.checkResponses && !endpoint.rawResponse) {
      const checked = endpoint.response.safeParse(serialized ? result.parse() : result);
      if (!checked.success) {
        ctx.state.log?.error({ issues: checked.error.issues, path: endpoint.path }, 'response breaks the contract');
        throw new HttpError(500, 'internal_error', '服务暂时不可用，请稍后再试');
      }
    }
    if (serialized) {
      // The header itself: Koa's `type` setter would look the full type up as a MIME name first.
      ctx.set('Content-Type', JSON_CONTENT_TYPE);
      ctx.body = result.bytes;
    } else ctx.body = result;
  };
}
