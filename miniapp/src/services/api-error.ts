/**
 * How a failed service call reaches a page: an ApiError carrying the BFF's code and
 * Chinese message. Apart from http.ts so that a page can show errors without loading the
 * contract (the login page's first screen carries no zod).
 */
export const NETWORK_ERROR_MESSAGE = '网络不可用，请检查网络后重试';
export const UNEXPECTED_ERROR_MESSAGE = '服务暂时不可用，请稍后重试';

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never reached the server. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

/** What to show for any failure thrown by a service call. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : UNEXPECTED_ERROR_MESSAGE;
}
