/**
 * What Koa reports once an answer is under way (a file stream failing mid-way, a socket
 * dropping). A client closing the connection early — a tab closed, `curl | head`, a phone
 * losing signal — is normal, so it is a debug line, never an error with a stack; without
 * this listener Koa would print every such case to stderr.
 */
import type Koa from 'koa';
import type { Logger } from '../logger';

/** The codes Node gives a stream or socket whose far end went away. */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

interface ReportedError extends Error {
  code?: string;
  status?: number;
  expose?: boolean;
}

export const isClientGone = (error: { code?: string }) => CLIENT_GONE.has(error.code ?? '');

export function logResponseErrors(koa: Koa, logger: Logger): void {
  koa.on('error', (error: ReportedError, ctx?: Koa.Context) => {
    const log: Logger = ctx?.state.log ?? logger;
    if (isClientGone(error)) {
      log.debug({ code: error.code, path: ctx?.path }, 'client closed the connection early');
    } else if (error.status === 404 || error.expose) {
      // Koa's own reporter stays quiet about these too: the client was answered.
      log.debug({ status: error.status }, 'client error after the answer began');
    } else {
      log.error({ err: error }, 'response failed');
    }
  });
}
