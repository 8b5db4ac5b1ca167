/**
 * Requests Node's HTTP parser refuses before Koa sees them (a request line or headers past
 * the 16 KB limit, a malformed request line): Node would answer a bare `431`/`400` with no
 * body. They get the one error shape instead, written straight to the socket, since there is
 * no request or response object yet.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

const ANSWERS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', message: '请求地址或请求头过长' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: 'payload_too_large', message: '提交的内容过大' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: '请求超时，请重试' },
};
const BAD_REQUEST = { status: 400, code: 'bad_request', message: '请求格式不正确' };

function clientErrorResponse(errorCode: string | undefined): string {
  const requestId = randomUUID();
  const { status, code, message } = (errorCode && ANSWERS[errorCode]) || BAD_REQUEST;
  const body = JSON.stringify({ error: { code, message, requestId } });
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * As Node's default handler does, but in the error shape: answer unless a response on this
 * (kept-alive) connection has already begun, then close it.
 */
export function answerClientErrors(server: Server): void {
  server.on(
    'clientError',
    (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { _headerSent?: boolean } }) => {
      // Node's own check: writing into a response already under way would corrupt it for the client.
      if (socket.writable && !socket._httpMessage?._headerSent && error.code !== 'ECONNRESET') {
        socket.write(clientErrorResponse(error.code));
      }
      socket.destroy();
    },
  );
}
