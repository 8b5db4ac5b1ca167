/**
 * A stand-in for WeChat's or WeChat Pay's servers on a real local socket, in front of a backend
 * (the emulator), that can be told to misbehave for the next matching requests: hang past the
 * client's budget, answer a 5xx, reset the connection, cut its answer off halfway, or let the
 * backend act and then lose the answer (WeChat Pay did it; we never heard). Counts every
 * request it saw, so a test can tell how many attempts the client made.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface UpstreamRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface UpstreamReply {
  status: number;
  body?: unknown;
}

export type Fault =
  /** Never answers (until the client gives up or the server stops); the backend never hears of it. */
  | 'hang'
  /** Resets the connection once the request arrived; the backend never hears of it. */
  | 'reset'
  /** Answers this status (a proxy's or WeChat's own failure); the backend never hears of it. */
  | { status: number; body?: string; contentType?: string }
  /** The backend acts, then the connection is reset before its answer is sent. */
  | 'act-then-reset'
  /** The backend acts, then its answer never comes. */
  | 'act-then-hang'
  /** The backend acts, its answer's headers and half its body go out, then the connection is reset. */
  | 'act-then-cut';

interface Planned {
  method: string;
  pathPrefix: string;
  fault: Fault;
}

export interface FaultyUpstream {
  url: string;
  /** Every request that reached the server, in order (faulty or not). */
  requests: UpstreamRequest[];
  /** How many requests with this method and path prefix arrived. */
  seen(method: string, pathPrefix: string): UpstreamRequest[];
  /** The next `times` requests matching method and path prefix meet `fault`. */
  failNext(method: string, pathPrefix: string, fault: Fault, times?: number): void;
  /** Forgets faults not yet met. */
  heal(): void;
  stop(): Promise<void>;
}

export async function startFaultyUpstream(
  backend: (request: UpstreamRequest) => UpstreamReply | Promise<UpstreamReply>,
): Promise<FaultyUpstream> {
  const requests: UpstreamRequest[] = [];
  let planned: Planned[] = [];
  const sockets = new Set<Socket>();

  const takeFault = (request: UpstreamRequest): Fault | null => {
    const index = planned.findIndex(
      (entry) => entry.method === request.method && request.path.startsWith(entry.pathPrefix),
    );
    return index === -1 ? null : planned.splice(index, 1)[0]!.fault;
  };

  const answer = (response: ServerResponse, reply: UpstreamReply) => {
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    response.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8' });
    response.end(text);
  };

  async function serve(request: UpstreamRequest, response: ServerResponse) {
    const fault = takeFault(request);
    const socket = response.socket!;
    if (fault === 'hang') return;
    if (fault === 'reset') return void socket.resetAndDestroy();
    if (fault && typeof fault === 'object') {
      response.writeHead(fault.status, { 'Content-Type': fault.contentType ?? 'application/json' });
      return void response.end(fault.body ?? '');
    }
    const reply = await backend(request);
    if (fault === 'act-then-reset') return void socket.resetAndDestroy();
    if (fault === 'act-then-hang') return;
    if (fault === 'act-then-cut') {
      const text = JSON.stringify(reply.body ?? {});
      response.writeHead(reply.status, {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(text)),
      });
      response.write(text.slice(0, Math.floor(text.length / 2)));
      // Let the half reach the client before the reset.
      return void setTimeout(() => socket.resetAndDestroy(), 20);
    }
    answer(response, reply);
  }

  const server = createServer((incoming, response) => {
    let body = '';
    incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
    incoming.on('end', () => {
      const request = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', headers: incoming.headers, body };
      requests.push(request);
      serve(request, response).catch(() => response.socket?.destroy());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    seen: (method, pathPrefix) =>
      requests.filter((request) => request.method === method && request.path.startsWith(pathPrefix)),
    failNext(method, pathPrefix, fault, times = 1) {
      for (let time = 0; time < times; time++) planned.push({ method, pathPrefix, fault });
    },
    heal() {
      planned = [];
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
