/**
 * Serving the built H5 app: hashed scripts cached for a year and sent precompressed by
 * Accept-Encoding, the page itself always revalidated, and a client that hangs up early
 * is not an error.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/logger';
import { startTestApi, type TestApi } from './harness';

const SCRIPT = `console.log(${JSON.stringify('工会'.repeat(2000))});`;
const HASHED = '/js/app.1a2b3c4d.js';
// Large enough that the server is still writing when the test's client hangs up.
const PAGE = `<!doctype html><html><head><script defer src="${HASHED}"></script></head><body><div id="app"></div><!--${'x'.repeat(4 * 1024 * 1024)}--></body></html>`;

let api: TestApi;
let h5Dir: string;
const records: { level: number; msg: string; code?: string }[] = [];

beforeAll(async () => {
  h5Dir = mkdtempSync(join(tmpdir(), 'h5-static-'));
  mkdirSync(join(h5Dir, 'js'));
  writeFileSync(join(h5Dir, 'index.html'), PAGE);
  writeFileSync(join(h5Dir, HASHED), SCRIPT);
  writeFileSync(join(h5Dir, `${HASHED}.gz`), gzipSync(SCRIPT));
  writeFileSync(join(h5Dir, `${HASHED}.br`), brotliCompressSync(SCRIPT));
  writeFileSync(join(h5Dir, 'js', 'unhashed.js'), SCRIPT);
  const sink = new Writable({
    write(line: Buffer, _encoding, done) {
      records.push(JSON.parse(line.toString('utf8')));
      done();
    },
  });
  api = await startTestApi({ H5_DIST_DIR: h5Dir }, createLogger('debug', sink));
});
afterAll(async () => {
  await api.stop();
  rmSync(h5Dir, { recursive: true, force: true });
});

/** node:http, which never decompresses: the bytes are checked as sent. */
function get(path: string, headers: Record<string, string> = {}) {
  const url = new URL(api.url);
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hashed scripts and styles', () => {
  it('are cached for a year as immutable', async () => {
    const response = await get(HASHED);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toMatch(/javascript/);
  });

  it('are sent brotli-compressed to a browser that accepts br', async () => {
    const response = await get(HASHED, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(response.body).toString('utf8')).toBe(SCRIPT);
  });

  it('are sent gzipped to a browser that accepts only gzip', async () => {
    const response = await get(HASHED, { 'Accept-Encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(response.body).toString('utf8')).toBe(SCRIPT);
  });

  it('are sent as they are to a client that accepts no compression', async () => {
    const response = await get(HASHED, { 'Accept-Encoding': 'identity' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(response.body.toString('utf8')).toBe(SCRIPT);
  });
});

describe('the page and unhashed files', () => {
  it('marks index.html no-cache, on / and /index.html, keeping its security headers', async () => {
    for (const path of ['/', '/index.html']) {
      const response = await get(path, { 'Accept-Encoding': 'gzip, br' });
      expect(response.status, path).toBe(200);
      expect(response.headers['cache-control'], path).toBe('no-cache');
      expect(response.headers['content-security-policy'], path).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
      expect(response.body.toString('utf8'), path).toBe(PAGE);
    }
  });

  it('marks the page served for any other path no-cache too', async () => {
    const response = await get('/member/card');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('revalidates a file whose name carries no hash', async () => {
    const response = await get('/js/unhashed.js');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });
});

describe('a client closing the connection early', () => {
  it('is logged at debug level, never as an error with a stack', async () => {
    const consoleError = vi.spyOn(console, 'error');
    records.length = 0;
    const url = new URL(api.url);
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: '/' }, (res) => {
        // Hang up on the first bytes of a 4 MB page, as `curl | head` does.
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.end();
    });
    await vi.waitFor(() => expect(records.some((r) => r.msg === 'client closed the connection early')).toBe(true));
    expect(records.filter((r) => r.level >= 50)).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
    // The server is unharmed.
    expect((await get(HASHED)).status).toBe(200);
  });
});
