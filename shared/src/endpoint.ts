/**
 * One endpoint of the API, declared once: the BFF validates with it, the
 * mini-program's client is typed by it, and the OpenAPI document is generated from it.
 */
import type { z } from 'zod';
import type { Role } from './roles';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call: anyone, any signed-in account, or a staff account holding one of `roles`
 * (any staff role when none are named). Which objects they may touch is for policies.
 */
export type EndpointAccess = 'public' | 'user' | 'staff';

/** How often one caller (the account once signed in, else the address) may call, across a window. */
export interface EndpointRateLimit {
  /** The budget's name; endpoints naming the same budget share it. */
  name: string;
  points: number;
  durationSeconds: number;
  /** Only calls carrying this body field count (a typed code is guessable, a scanned token is not). */
  onlyWithBodyField?: string;
}

export interface Endpoint<
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Response extends z.ZodType = z.ZodType,
  Path extends string = string,
> {
  method: HttpMethod;
  /** Koa-router style, e.g. `/api/join-applications/:id`. */
  path: Path;
  access: EndpointAccess;
  /** With access `staff`: the roles that may call (default: any staff role). */
  roles?: readonly Role[];
  rateLimit?: EndpointRateLimit;
  tag: string;
  summary: string;
  body?: Body;
  query?: Query;
  response: Response;
  /** A binary upload instead of a JSON body (photos, spreadsheets), checked by content, not by name. */
  rawBody?: { contentTypes: readonly string[]; maxBytes: number };
  /**
   * Refusals in a body other than the common ErrorBody, for callers that speak their own
   * protocol (WeChat Pay's callbacks expect `{ code: 'FAIL', message }`). Answers made before
   * the endpoint is reached (wrong method, unknown path) keep the common ErrorBody.
   */
  errorBody?: { schema: z.ZodType; description: string };
  /** When set, the endpoint may also answer 202 with the same body: the work goes on in the background (this says when). */
  accepted?: string;
  /** A binary answer (an image, a spreadsheet) instead of JSON; `response` is then ignored. */
  rawResponse?: { contentType: string };
}

export function defineEndpoint<
  Body extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Response extends z.ZodType = z.ZodType,
  const Path extends string = string,
>(endpoint: Endpoint<Body, Query, Response, Path>): Endpoint<Body, Query, Response, Path> {
  return endpoint;
}

type Infer<S, Fallback> = S extends z.ZodType ? z.input<S> : Fallback;

export type EndpointBody<E> =
  E extends Endpoint<infer B, z.ZodType | undefined, z.ZodType, string> ? Infer<B, undefined> : never;
export type EndpointQuery<E> =
  E extends Endpoint<z.ZodType | undefined, infer Q, z.ZodType, string> ? Infer<Q, undefined> : never;
export type EndpointResponse<E> =
  E extends Endpoint<z.ZodType | undefined, z.ZodType | undefined, infer R, string> ? z.output<R> : never;
/** The `:name` parameters of an endpoint's path, each a string. */
export type EndpointParams<E> =
  E extends Endpoint<z.ZodType | undefined, z.ZodType | undefined, z.ZodType, infer P> ? PathParams<P> : never;

/** `:id` style parameters named in a path, as an object type. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Param}/${infer Rest}`
  ? { [K in Param]: string } & PathParams<`/${Rest}`>
  : Path extends `${string}:${infer Param}`
    ? { [K in Param]: string }
    : Record<never, never>;

export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}
