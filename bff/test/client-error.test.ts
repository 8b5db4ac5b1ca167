/**
 * Requests Node's HTTP parser refuses before the app sees them (too long a path or headers,
 * a malformed request) are answered in the one error shape, not with a bare status line.
 */
import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const parse = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

function get(path: string, headers: Record<string, string> = {}, agent?: Agent) {
  const url = new URL(api.url);
  return new Promise<{ status: number; headers: Record<string, unknown>; json: any }>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function expectShape(response: { headers: Record<string, unknown>; json: any }, code: string) {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.json).toEqual({
    error: { code, message: expect.stringMatching(/[\u4e00-\u9fff]/), requestId: response.headers['x-request-id'] },
  });
}

it('answers a path or query past the header limit with 431 in the error shape', async () => {
  for (const path of [`/api/members/${'a'.repeat(100 * 1024)}`, `/api/stations/nearby?lat=${'1'.repeat(20_000)}`]) {
    const response = await get(path);
    expect(response.status).toBe(431);
    expectShape(response, 'headers_too_large');
  }
});

it('answers oversize headers with 431 in the error shape', async () => {
  const response = await get('/api/me', { Cookie: `a=${'x'.repeat(20_000)}` });
  expect(response.status).toBe(431);
  expectShape(response, 'headers_too_large');
});

it('answers on a kept-alive connection that already carried a request', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    expect((await get('/healthz', {}, agent)).status).toBe(200);
    const response = await get(`/api/members/${'a'.repeat(20_000)}`, {}, agent);
    expect(response.status).toBe(431);
    expectShape(response, 'headers_too_large');
  } finally {
    agent.destroy();
  }
});

it('answers a malformed request with 400 in the error shape', async () => {
  const url = new URL(api.url);
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write('GET /api/me HTTP/1.1\r\nHost: localhost\r\nNot a header line\r\n\r\n');
    });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (part: string) => (received += part));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
  const [head, body] = text.split('\r\n\r\n');
  expect(head).toMatch(/^HTTP\/1\.1 400 /);
  expect(head).toMatch(/\r\nContent-Type: application\/json/);
  const requestId = /\r\nX-Request-Id: (\S+)/.exec(head!)?.[1];
  expect(parse(body ?? '')).toEqual({
    error: { code: 'bad_request', message: expect.stringMatching(/[\u4e00-\u9fff]/), requestId },
  });
});
