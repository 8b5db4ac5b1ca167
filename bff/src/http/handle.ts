import type { Middleware, ParameterizedContext } from 'koa';
import type { Endpoint, EndpointResponse } from '@union/shared';
import type { Actor } from '../modules/auth/actor';
import { HttpError } from './errors';
import type { ValidInput } from './validate';

export interface HandlerArgs<E extends Endpoint> extends ValidInput<E> {
  /** The signed-in caller; only present behind `authenticate()`. */
  actor: Actor;
  ctx: ParameterizedContext;
}

/**
 * The last link of a route's chain: runs the handler with the validated input and
 * sends its result. Outside production the result is checked against the
 * endpoint's response schema, so a presenter drifting from the contract fails tests.
 */
export function handle<E extends Endpoint>(
  endpoint: E,
  handler: (args: HandlerArgs<E>) => Promise<EndpointResponse<E>>,
  options: { checkResponses: boolean },
): Middleware {
  return async (ctx) => {
    const input = (ctx.state.input ?? { body: undefined, query: undefined, params: {} }) as ValidInput<E>;
    const result = await handler({ ...input, actor: ctx.state.actor as Actor, ctx });
    // Binary answers (images, spreadsheets) set their own content type in the handler.
    if (options.checkResponses && !endpoint.rawResponse) {
      const checked = endpoint.response.safeParse(result);
      if (!checked.success) {
        ctx.state.log?.error({ issues: checked.error.issues, path: endpoint.path }, 'response breaks the contract');
        throw new HttpError(500, 'internal_error', '服务暂时不可用，请稍后再试');
      }
    }
    ctx.body = result;
  };
}
