import type { Context } from 'koa';
import type { Config } from '../config';

/**
 * The origin of links the BFF hands out to be opened later (the station poster's QR, WeChat
 * Pay's callback address):
 * PUBLIC_BASE_URL, or where it is unset (development) the protocol and host the request
 * came in on, which behind a proxy needs TRUST_PROXY to be the public one. (Not
 * `ctx.origin`: since Koa 3 that is the request's Origin header.)
 */
export function publicBaseUrl(
  config: Pick<Config, 'PUBLIC_BASE_URL'>,
  ctx: Pick<Context, 'protocol' | 'host'>,
): string {
  return (config.PUBLIC_BASE_URL ?? `${ctx.protocol}://${ctx.host}`).replace(/\/+$/, '');
}
