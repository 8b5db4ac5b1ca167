import type { Middleware } from 'koa';
import mongoose from 'mongoose';
import { HttpError } from './errors';
import { isDuplicateKeyError } from '../db/duplicate-key';

interface BodyParserError {
  status?: number;
  type?: string;
  expose?: boolean;
}

/** Turns anything thrown below into the one error shape; a client's mistake is never a 500. */
export function errorHandler(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new HttpError(404, 'route_not_found', '接口不存在');
    } catch (caught) {
      const error = toHttpError(caught);
      if (error.status >= 500) ctx.state.log?.error({ err: caught }, 'request failed');
      ctx.status = error.status;
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

function toHttpError(caught: unknown): HttpError {
  if (caught instanceof HttpError) return caught;
  const parserError = caught as BodyParserError;
  if (parserError?.type === 'entity.too.large' || parserError?.status === 413) {
    return new HttpError(413, 'payload_too_large', '提交的内容过大');
  }
  // The JSON body parser throws a SyntaxError carrying status 400 for malformed JSON.
  if (parserError?.type === 'entity.parse.failed' || (caught instanceof SyntaxError && parserError.status === 400)) {
    return new HttpError(400, 'malformed_body', '请求内容不是有效的 JSON');
  }
  if (parserError?.status === 415 || parserError?.type === 'charset.unsupported') {
    return new HttpError(415, 'unsupported_media_type', '请以 JSON 提交');
  }
  if (isDuplicateKeyError(caught)) return new HttpError(409, 'duplicate', '该记录已存在');
  if (caught instanceof mongoose.Error.CastError) return new HttpError(400, 'bad_request', '参数格式不正确');
  return new HttpError(500, 'internal_error', '服务暂时不可用，请稍后再试');
}
