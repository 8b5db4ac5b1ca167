import type { Middleware } from 'koa';
import mongoose from 'mongoose';
import { DatabaseUnavailableError, HttpError, StorageUnavailableError, UnsupportedMediaTypeError } from './errors';
import { FileStoreUnavailableError } from '../integrations/storage/file-store';
import { isDatabaseUnavailable } from '../db/unavailable';
import { isDuplicateKeyError } from '../db/duplicate-key';

interface BodyParserError {
  status?: number;
  type?: string;
  expose?: boolean;
  /** The byte limit a too-large body broke (set by the JSON body parser). */
  limit?: number;
}

/** A dependency is down for a moment: the client may try again after a few seconds. */
const RETRY_SOON = new Set(['database_unavailable', 'storage_unavailable']);

const routeNotFound = () => new HttpError(404, 'route_not_found', '接口不存在');

/** Turns anything thrown below into the one error shape; a client's mistake is never a 500. */
export function errorHandler(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined) throwForEmptyStatus(ctx);
    } catch (caught) {
      const error = toHttpError(caught);
      if (error.status >= 500) ctx.state.log?.error({ err: caught }, 'request failed');
      ctx.status = error.status;
      if (RETRY_SOON.has(error.code)) ctx.set('Retry-After', '5');
      ctx.body = {
        error: {
          code: error.code,
          message: error.message,
          requestId: ctx.state.requestId,
          ...(error.details ? { details: error.details } : {}),
        },
      };
    }
  };
}

/**
 * Nothing answered, or only a bare status was set: koa's default 404 and the router's
 * `allowedMethods()` 405/501 would otherwise go out as English text/plain.
 */
function throwForEmptyStatus(ctx: Parameters<Middleware>[0]) {
  if (ctx.status === 404) throw routeNotFound();
  if (ctx.status === 405 || ctx.status === 501) {
    // 501 means "a method no route implements"; on a path that exists that is still the
    // client's choice of method (405, with Allow), and on a path that does not, a 404.
    if (ctx.response.get('Allow')) throw new HttpError(405, 'method_not_allowed', '该接口不支持此请求方法');
    ctx.remove('Allow');
    throw routeNotFound();
  }
}

function toHttpError(caught: unknown): HttpError {
  if (caught instanceof HttpError) return caught;
  const parserError = caught as BodyParserError;
  if (parserError?.type === 'entity.too.large' || parserError?.status === 413) {
    const limit = parserError.limit ? `（不能超过 ${Math.round(parserError.limit / 1024)} KB）` : '';
    return new HttpError(413, 'payload_too_large', `提交的内容过大${limit}`);
  }
  // The JSON body parser throws a SyntaxError carrying status 400 for malformed JSON.
  if (parserError?.type === 'entity.parse.failed' || (caught instanceof SyntaxError && parserError.status === 400)) {
    return new HttpError(400, 'malformed_body', '请求内容不是有效的 JSON');
  }
  if (parserError?.status === 415 || parserError?.type === 'charset.unsupported') {
    return UnsupportedMediaTypeError();
  }
  if (isDuplicateKeyError(caught)) return new HttpError(409, 'duplicate', '该记录已存在');
  if (isDatabaseUnavailable(caught)) return DatabaseUnavailableError();
  if (caught instanceof FileStoreUnavailableError) return StorageUnavailableError();
  if (caught instanceof mongoose.Error.CastError) return new HttpError(400, 'bad_request', '参数格式不正确');
  // Koa and its helpers (ctx.throw, http-errors) mark client errors with `expose`: a bad
  // request line or path is the client's mistake, so it must not be reported as a 500.
  const status = parserError?.status;
  if (parserError?.expose && typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, status === 404 ? 'not_found' : 'bad_request', '请求无法处理，请检查请求地址和内容');
  }
  return new HttpError(500, 'internal_error', '服务暂时不可用，请稍后再试');
}
