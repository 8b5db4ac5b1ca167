/**
 * The one way the mini-program talks to the BFF. Every call names an endpoint from
 * @union/shared, so its path, body, query and response types come from the contract.
 */
import Taro from '@tarojs/taro';
import {
  authEndpoints,
  fillPath,
  // Not a React hook despite its name: it sets zod's locale for the whole app.
  useChineseValidationMessages as installChineseValidationMessages,
  type Endpoint,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
  type ErrorBody,
} from '@union/shared';
import { ROUTES } from '../routes';
import { utf8Decode } from '../utils/bytes';
import { ApiError, NETWORK_ERROR_MESSAGE, UNEXPECTED_ERROR_MESSAGE } from './api-error';
import { clearSession, loadSession, saveSession } from './session-store';

export { ApiError, errorMessage, NETWORK_ERROR_MESSAGE, type FieldIssue } from './api-error';

// zod's built-in messages (for rules without our own wording) in Simplified Chinese, set where
// the contract is first loaded: every page that checks a form with it calls the BFF through
// here, and the login page, which loads neither at first, stays light.
installChineseValidationMessages();

const SIGNED_OUT_MESSAGE = '登录已过期，请重新登录';
const REQUEST_TIMEOUT_MS = 15_000;

type BodyOption<E> = EndpointBody<E> extends undefined ? { body?: undefined } : { body: EndpointBody<E> };
type QueryOption<E> = EndpointQuery<E> extends undefined ? { query?: undefined } : { query?: EndpointQuery<E> };
export type RequestOptions<E> = BodyOption<E> &
  QueryOption<E> & {
    /** Values for `:name` segments of the endpoint's path. */
    params?: Record<string, string>;
  };
type OptionsArg<E> = EndpointBody<E> extends undefined ? [options?: RequestOptions<E>] : [options: RequestOptions<E>];

export async function request<E extends Endpoint>(
  endpoint: E,
  ...[options]: OptionsArg<E>
): Promise<EndpointResponse<E>> {
  const response = await exchange(endpoint, buildUrl(endpoint, options), { body: options?.body });
  // Trusted as the contract's output type: the BFF serializes through the same schemas.
  return response.data as EndpointResponse<E>;
}

/** Raw bytes to send: read from a file in weapp, a browser File or Blob in H5 (sent as is by fetch). */
export type BinaryBody = ArrayBuffer | Blob;

export type UploadOptions<E> = QueryOption<E> & {
  params?: Record<string, string>;
  body: BinaryBody;
  /** One of the endpoint's `rawBody.contentTypes`; the BFF still judges the file by its bytes. */
  contentType: string;
};

/** Sends a photo or a spreadsheet to an endpoint declaring `rawBody`; the answer is JSON. */
export async function uploadBinary<E extends Endpoint>(
  endpoint: E,
  options: UploadOptions<E>,
): Promise<EndpointResponse<E>> {
  const response = await exchange(endpoint, buildUrl(endpoint, options), {
    body: options.body,
    contentType: options.contentType,
  });
  return response.data as EndpointResponse<E>;
}

/** Fetches an image or a spreadsheet from an endpoint declaring `rawResponse`, with the same sign-in handling. */
export async function downloadBinary<E extends Endpoint>(
  endpoint: E,
  options?: QueryOption<E> & { params?: Record<string, string> },
): Promise<ArrayBuffer> {
  const response = await exchange(endpoint, buildUrl(endpoint, options), { binaryResponse: true });
  return response.data as ArrayBuffer;
}

/** What goes over the wire besides method, URL and token. */
interface Payload {
  body?: unknown;
  /** Set for a raw body; JSON otherwise. */
  contentType?: string;
  binaryResponse?: boolean;
}

/** Sends with the session's token, refreshing it once when it has expired; returns a 2xx response or throws. */
async function exchange(endpoint: Endpoint, url: string, payload: Payload): Promise<RawResponse> {
  const needsAuth = endpoint.access !== 'public';
  const session = loadSession();
  if (needsAuth && !session) throw signOut();

  const sentToken = session?.accessToken;
  let response = await send(endpoint.method, url, payload, needsAuth ? sentToken : undefined);
  if (needsAuth && response.statusCode === 401) {
    if (errorCode(response.data) !== 'access_token_invalid') throw signOut(response.data);
    const token = await currentAccessToken(sentToken);
    response = await send(endpoint.method, url, payload, token);
    if (response.statusCode === 401) throw signOut(response.data);
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response;
  throw toApiError(response.statusCode, response.data);
}

function buildUrl(endpoint: Endpoint, options?: { params?: Record<string, string>; query?: unknown }): string {
  const path = fillPath(endpoint.path, options?.params);
  const query = toQueryString(options?.query);
  return `${API_BASE}${path}${query ? `?${query}` : ''}`;
}

function toQueryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  return Object.entries(query as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

async function send(
  method: string,
  url: string,
  payload: Payload,
  accessToken: string | undefined,
): Promise<RawResponse> {
  const header: Record<string, string> = { 'Content-Type': payload.contentType ?? 'application/json' };
  if (accessToken) header.Authorization = `Bearer ${accessToken}`;
  let res: { statusCode: number; data: unknown };
  try {
    res = await Taro.request({
      url,
      method: method.toUpperCase() as keyof Taro.request.Method,
      data: payload.body,
      header,
      dataType: payload.binaryResponse ? 'other' : 'json',
      ...(payload.binaryResponse ? { responseType: 'arraybuffer' as const } : {}),
      timeout: REQUEST_TIMEOUT_MS,
    });
  } catch {
    // No response at all: offline, DNS, timeout, or a domain missing from the weapp allow-list.
    throw new ApiError(0, 'network_unavailable', NETWORK_ERROR_MESSAGE);
  }
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  // A binary endpoint still answers errors in the JSON error shape, as bytes.
  const data = payload.binaryResponse && !ok ? jsonFromBytes(res.data) : res.data;
  return { statusCode: res.statusCode, data };
}

function jsonFromBytes(data: unknown): unknown {
  // Tagged rather than instanceof: the buffer may come from another realm (a webview, a worker).
  if (Object.prototype.toString.call(data) !== '[object ArrayBuffer]') return data;
  try {
    return JSON.parse(utf8Decode(new Uint8Array(data as ArrayBuffer)));
  } catch {
    return null;
  }
}

/**
 * The access token to retry with. If another request already refreshed while this
 * one was in flight, its new token is used instead of refreshing twice.
 */
async function currentAccessToken(sentToken: string | undefined): Promise<string> {
  const latest = loadSession();
  if (latest && latest.accessToken !== sentToken) return latest.accessToken;
  return refreshSession();
}

let refreshing: Promise<string> | null = null;

/** Refresh tokens rotate and reuse revokes the session, so only one refresh may be in flight. */
function refreshSession(): Promise<string> {
  refreshing ??= (async () => {
    try {
      const refreshToken = loadSession()?.refreshToken;
      if (!refreshToken) throw signOut();
      const url = `${API_BASE}${authEndpoints.refresh.path}`;
      const response = await send('post', url, { body: { refreshToken } }, undefined);
      if (response.statusCode === 401) throw signOut(response.data);
      if (response.statusCode < 200 || response.statusCode >= 300) throw toApiError(response.statusCode, response.data);
      const session = response.data as EndpointResponse<typeof authEndpoints.refresh>;
      saveSession(session);
      return session.accessToken;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function signOut(body?: unknown): ApiError {
  clearSession();
  // weapp routes have no leading slash, H5 routes do.
  const pages = Taro.getCurrentPages();
  const current = (pages[pages.length - 1]?.route ?? '').replace(/^\//, '');
  if (`/${current}` !== ROUTES.login) void Taro.reLaunch({ url: ROUTES.login });
  const error = body ? toApiError(401, body) : null;
  return new ApiError(401, error?.code ?? 'signed_out', SIGNED_OUT_MESSAGE);
}

function errorCode(body: unknown): string | undefined {
  return isErrorBody(body) ? body.error.code : undefined;
}

function isErrorBody(body: unknown): body is ErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ErrorBody).error === 'object' &&
    typeof (body as ErrorBody).error?.message === 'string'
  );
}

function toApiError(status: number, body: unknown): ApiError {
  if (!isErrorBody(body)) return new ApiError(status, 'unexpected_response', UNEXPECTED_ERROR_MESSAGE);
  const { code, message, details, requestId } = body.error;
  return new ApiError(status, code, message, details ?? [], requestId);
}
