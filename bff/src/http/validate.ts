import { isDeepStrictEqual } from 'node:util';
import type { Middleware, ParameterizedContext } from 'koa';
import type { z } from 'zod';
import { ObjectIdSchema, type Endpoint } from '@union/shared';
import '../validation-locale';
import { HttpError, ValidationError, type FieldProblem } from './errors';

type Parsed<S> = [S] extends [z.ZodType] ? z.output<S> : undefined;
type BodyOf<E> = E extends Endpoint<infer B, z.ZodType | undefined, z.ZodType> ? B : undefined;
type QueryOf<E> = E extends Endpoint<z.ZodType | undefined, infer Q, z.ZodType> ? Q : undefined;

export interface ValidInput<E extends Endpoint> {
  body: Parsed<BodyOf<E>>;
  query: Parsed<QueryOf<E>>;
  params: Record<string, string>;
}

/** A zod error as the field problems a client is shown (messages in Chinese, see validation-locale). */
export function problemsOf(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: issue.message,
  }));
}

export interface QueryReading<E extends Endpoint> {
  /**
   * A hot route's own reader of its query string: what the query schema would give, or null
   * to let the schema decide (and explain any mistake). Skips Koa's general query parser.
   */
  readQuery?: (querystring: string) => Parsed<QueryOf<E>> | null;
  /** Also run the schema and fail if the reader disagrees with it (outside production). */
  crossCheck?: boolean;
}

/**
 * Validates path parameters, query and body against the endpoint's schemas and
 * leaves the parsed values in `ctx.state.input`. Every problem is reported at once.
 */
export function validate<E extends Endpoint>(endpoint: E, reading: QueryReading<E> = {}): Middleware {
  const { readQuery, crossCheck = false } = reading;
  return async (ctx, next) => {
    const problems: FieldProblem[] = [];
    const params = (ctx as unknown as { params?: Record<string, string> }).params ?? {};
    for (const [name, value] of Object.entries(params)) {
      // Every `:id`-style parameter in this API is a document id.
      if (!ObjectIdSchema.safeParse(value).success) problems.push({ path: name, message: '编号格式不正确' });
    }
    let query: unknown = readQuery?.(ctx.querystring) ?? undefined;
    if (endpoint.query && (query === undefined || crossCheck)) {
      const result = endpoint.query.safeParse(ctx.query);
      if (query !== undefined && !(result.success && isDeepStrictEqual(result.data, query))) {
        ctx.state.log?.error({ path: endpoint.path }, 'query reader disagrees with the schema');
        throw new HttpError(500, 'internal_error', '服务暂时不可用，请稍后再试');
      }
      if (result.success) query = result.data;
      else problems.push(...problemsOf(result.error));
    }
    let body: unknown;
    if (endpoint.body) {
      const result = endpoint.body.safeParse(ctx.request.body ?? {});
      if (result.success) body = result.data;
      else problems.push(...problemsOf(result.error));
    }
    if (problems.length > 0) throw ValidationError(problems);
    ctx.state.input = { body, query, params };
    await next();
  };
}

export function inputOf<E extends Endpoint>(ctx: ParameterizedContext, _endpoint: E): ValidInput<E> {
  return ctx.state.input as ValidInput<E>;
}
