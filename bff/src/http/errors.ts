/**
 * Named errors thrown anywhere in the BFF and turned into the one error shape
 * (`{ error: { code, message, details } }`) by the error-handling middleware.
 * Messages are Chinese because the mini-program shows them as they are.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
  }
}

export const ValidationError = (details: FieldProblem[], message = '提交的信息有误，请按提示修改') =>
  new HttpError(400, 'validation_failed', message, details);
export const BadRequestError = (message: string, code = 'bad_request') => new HttpError(400, code, message);
export const AuthenticationError = (message = '请先登录', code = 'unauthenticated') =>
  new HttpError(401, code, message);
export const ForbiddenError = (message = '您没有权限执行此操作') => new HttpError(403, 'forbidden', message);
export const NotFoundError = (message = '要找的内容不存在') => new HttpError(404, 'not_found', message);
export const ConflictError = (message: string, code = 'conflict') => new HttpError(409, code, message);
export const TooManyRequestsError = (message = '操作过于频繁，请稍后再试') =>
  new HttpError(429, 'rate_limited', message);
export const UnsupportedMediaTypeError = () =>
  new HttpError(415, 'unsupported_media_type', '请以 JSON 格式提交（Content-Type: application/json）');
export const UpstreamError = (message: string) => new HttpError(502, 'upstream_failed', message);
/** WeChat or WeChat Pay did not answer within its budget: what it did is unknown, so try again later. */
export const UpstreamTimeoutError = (message: string) => new HttpError(504, 'upstream_timeout', message);
/** The database did not answer in time (down, failing over, unreachable): try again shortly. */
export const DatabaseUnavailableError = () =>
  new HttpError(503, 'database_unavailable', '系统繁忙，暂时无法读取数据，请稍后再试');
/** The file store (object storage) failed or did not answer in time: try again shortly. */
export const StorageUnavailableError = () =>
  new HttpError(503, 'storage_unavailable', '文件服务暂时不可用，请稍后再试');
