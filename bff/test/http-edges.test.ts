/**
 * The edges of HTTP itself: odd paths, methods, cases, content types and sizes.
 * Whatever a client sends, it gets an answer in the one error shape, never a 5xx.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '@union/shared';
import { startTestApi, type TestApi } from './harness';
import { loginWechat } from './fixtures';
import {
  catalogueWorld,
  createMerchantVia,
  merchantBody,
  type CatalogueWorld,
} from '../src/modules/merchants/test-support';
import { makePng } from '../src/modules/station-admin/test-support';

/** Like Taro's build: one inline script (the rem font-size setter), the rest from files. */
const INLINE_SCRIPT = 'document.documentElement.style.fontSize="20px"';
const H5_HTML = `<!doctype html><html><head><title>工会</title><script>${INLINE_SCRIPT}</script><script defer="defer" src="/js/app.js"></script></head><body><div id="app"></div></body></html>`;

let api: TestApi;
let h5Dir: string;
let memberToken: string;
let world: CatalogueWorld;

beforeAll(async () => {
  h5Dir = mkdtempSync(join(tmpdir(), 'h5-'));
  writeFileSync(join(h5Dir, 'index.html'), H5_HTML);
  mkdirSync(join(h5Dir, 'js'));
  writeFileSync(join(h5Dir, 'js', 'app.js'), 'console.log("h5");');
  api = await startTestApi({ H5_DIST_DIR: h5Dir, TRUST_PROXY: 'true' });
  memberToken = (await loginWechat(api, 'wx-edges')).token;
  world = await catalogueWorld(api);
});
afterAll(async () => {
  await api.stop();
  rmSync(h5Dir, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/** node:http, because fetch normalises `..` away and refuses some methods: the path and method go out as written. */
function raw(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const url = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function expectErrorShape(response: RawResponse, statuses: number[]) {
  expect(statuses, `${response.status} ${response.text}`).toContain(response.status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json.error).toMatchObject({
    code: expect.any(String),
    message: expect.stringMatching(/[\u4e00-\u9fa5]/),
    requestId: response.headers['x-request-id'],
  });
}

describe('path traversal and bad percent-encoding', () => {
  it('answers traversal and bad encoding under /api with 400/404, never the static server', async () => {
    for (const path of [
      '/api/members/../../../../etc/passwd',
      '/api/../../../../etc/passwd',
      '/api/%2e%2e/%2e%2e/etc/passwd',
      '/api/stations/%E0%A4%A',
      '/api/%E0%A4%A',
      '/api/index.html',
      '/API/index.html',
    ]) {
      expectErrorShape(await raw('GET', path, { headers: { Authorization: `Bearer ${memberToken}` } }), [400, 404]);
    }
  });

  it('answers traversal and bad encoding outside /api with 400/404 in the error shape', async () => {
    for (const path of [
      '/../../../../etc/passwd',
      '/js/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/js/..%2f..%2f..%2fetc%2fpasswd',
      '/%E0%A4%A',
      '/js/%E0%A4%A.js',
    ]) {
      expectErrorShape(await raw('GET', path), [400, 404]);
    }
  });

  it('still serves the H5 files and page', async () => {
    const script = await raw('GET', '/js/app.js');
    expect(script.status).toBe(200);
    expect(script.text).toContain('console.log');
    const page = await raw('GET', '/member/card');
    expect(page.status).toBe(200);
    expect(page.text).toBe(H5_HTML);
  });
});

describe('methods', () => {
  it('answers a wrong method on a known path with 405 in the error shape and an Allow header', async () => {
    const response = await raw('GET', '/api/auth/wechat-login');
    expectErrorShape(response, [405]);
    expect(response.json.error).toMatchObject({ code: 'method_not_allowed', message: '该接口不支持此请求方法' });
    expect(response.headers.allow).toContain('POST');
  });

  it('answers methods nobody implements on a known path with 405, not 501', async () => {
    for (const method of ['TRACE', 'PROPFIND']) {
      const response = await raw(method, '/api/auth/wechat-login');
      expectErrorShape(response, [405]);
      expect(response.json.error.code).toBe('method_not_allowed');
      expect(response.headers.allow).toContain('POST');
    }
  });

  it('answers any method on an unknown path with 404, never 5xx', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'DELETE']) {
      const response = await raw(method, '/api/nothing-here');
      expectErrorShape(response, [404]);
      expect(response.json.error.code).toBe('route_not_found');
    }
  });

  it('still answers OPTIONS with the allowed methods', async () => {
    const response = await raw('OPTIONS', '/api/auth/wechat-login');
    expect(response.status).toBe(200);
    expect(response.headers.allow).toContain('POST');
  });
});

describe('path case', () => {
  it('routes the API case-sensitively: /API/me is not /api/me', async () => {
    for (const path of ['/API/me', '/Api/me', '/api/ME']) {
      const response = await raw('GET', path, { headers: { Authorization: `Bearer ${memberToken}` } });
      expectErrorShape(response, [404]);
      expect(response.json.error.code).toBe('route_not_found');
    }
    const exact = await raw('GET', '/api/me', { headers: { Authorization: `Bearer ${memberToken}` } });
    expect(exact.status).toBe(200);
  });

  it('never answers an /api path in any case with the H5 page', async () => {
    for (const path of ['/API/anything-unknown', '/Api/anything', '/aPI', '/API']) {
      const response = await raw('GET', path);
      expectErrorShape(response, [404]);
      expect(response.json.error.code).toBe('route_not_found');
    }
  });
});

describe('security headers', () => {
  it('marks every API and authenticated answer no-store, whatever the case of the path', async () => {
    const auth = { Authorization: `Bearer ${memberToken}` };
    for (const path of ['/api/me', '/API/me', '/Api/anything', '/api/nothing-here']) {
      const response = await raw('GET', path, { headers: auth });
      expect(response.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('gives the H5 page a Content-Security-Policy, on index.html and on the fallback', async () => {
    for (const path of ['/', '/index.html', '/member/card']) {
      const response = await raw('GET', path);
      expect(response.status).toBe(200);
      const csp = String(response.headers['content-security-policy']);
      expect(csp, path).toContain("default-src 'self'");
      const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64');
      expect(csp).toContain(`script-src 'self' 'sha256-${hash}';`);
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('sends Strict-Transport-Security only over HTTPS (as told by a trusted proxy)', async () => {
    const overHttps = await raw('GET', '/healthz', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(overHttps.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    const page = await raw('GET', '/', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(page.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    const overHttp = await raw('GET', '/healthz');
    expect(overHttp.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('JSON bodies only', () => {
  const auth = () => ({ Authorization: `Bearer ${world.xihu}` });

  it('refuses a non-JSON body with 415 and changes nothing', async () => {
    const merchant = await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id));
    const path = `/api/admin/merchants/${merchant.id}`;
    const bodies: { type?: string; body: string }[] = [
      { type: 'text/plain', body: '{"name":"改名商家"}' },
      { type: 'application/x-www-form-urlencoded', body: 'name=%E6%94%B9%E5%90%8D&status=paused' },
      {
        type: 'multipart/form-data; boundary=xyz',
        body: '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\n改名\r\n--xyz--\r\n',
      },
      { type: 'application/xml', body: '<merchant><name>改名</name></merchant>' },
      { body: '{"name":"改名商家"}' },
    ];
    for (const { type, body } of bodies) {
      const headers: Record<string, string> = { ...auth(), ...(type ? { 'Content-Type': type } : {}) };
      const response = await raw('PATCH', path, { headers, body });
      expectErrorShape(response, [415]);
      expect(response.json.error).toMatchObject({
        code: 'unsupported_media_type',
        message: '请以 JSON 格式提交（Content-Type: application/json）',
      });
    }
    const after = await api.request('GET', path, { token: world.xihu });
    expect(after.body).toMatchObject({ name: merchant.name, status: merchant.status });
  });

  it('refuses a non-JSON body with 415 even where the JSON body would be invalid', async () => {
    const response = await raw('POST', '/api/membership/bind', {
      headers: { Authorization: `Bearer ${memberToken}`, 'Content-Type': 'text/plain' },
      body: 'name=张三',
    });
    expectErrorShape(response, [415]);
  });

  it('accepts JSON, and a request without a body where the body is optional', async () => {
    const merchant = await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id, { name: '无正文商家' }));
    const path = `/api/admin/merchants/${merchant.id}`;
    expect((await raw('PATCH', path, { headers: auth() })).status).toBe(200);
    const emptyText = await raw('PATCH', path, {
      headers: { ...auth(), 'Content-Type': 'text/plain', 'Content-Length': '0' },
      body: '',
    });
    expect(emptyText.status).toBe(200);
    const json = await raw('PATCH', path, {
      headers: { ...auth(), 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ name: '改过名的商家' }),
    });
    expect(json.status, json.text).toBe(200);
    expect(json.json.name).toBe('改过名的商家');
  });

  it('keeps binary uploads working on the routes that read raw bodies', async () => {
    const merchant = await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id, { name: '有标志商家' }));
    const response = await raw('PUT', `/api/admin/merchants/${merchant.id}/logo`, {
      headers: { ...auth(), 'Content-Type': 'image/png' },
      body: makePng(),
    });
    expect(response.status, response.text).toBe(200);
  });
});

describe('oversize uploads', () => {
  const limit = contract.stationAdmin.importSheet.rawBody!.maxBytes;
  const message = `文件不能超过 ${Math.round(limit / 1024 / 1024)} MB`;
  const csv = () => {
    const line = '站点名称,站点类型,详细地址\n';
    return Buffer.from(line.repeat(Math.ceil((limit + 512 * 1024) / Buffer.byteLength(line))));
  };

  it('answers a too-large CSV import with 413 that the client can read', async () => {
    const response = await fetch(`${api.url}/api/staff/stations/import?mode=dry-run`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${world.xihu}`, 'Content-Type': 'text/csv' },
      body: csv(),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: 'payload_too_large', message });
  });

  it('answers a 5 MB JSON body with 413 naming the JSON limit', async () => {
    const response = await fetch(`${api.url}/api/auth/password-login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(5 * 1024 * 1024), password: 'y' }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      code: 'payload_too_large',
      message: '提交的内容过大（不能超过 64 KB）',
    });
  });

  it('answers a too-large streamed CSV (no Content-Length) with 413 that the client can read', async () => {
    const bytes = csv();
    const chunkSize = 64 * 1024;
    let offset = 0;
    // The client pauses once past the limit, as a slow uplink does: the server must still be
    // there to answer when the rest of the body arrives.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (offset >= bytes.length) return controller.close();
        if (offset > limit && offset - chunkSize <= limit) await new Promise((resolve) => setTimeout(resolve, 300));
        controller.enqueue(bytes.subarray(offset, offset + chunkSize));
        offset += chunkSize;
      },
    });
    const response = await fetch(`${api.url}/api/staff/stations/import?mode=dry-run`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${world.xihu}`, 'Content-Type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: 'payload_too_large', message });
  });

  it('keeps reading a refused upload, so a client still sending is not cut off', async () => {
    const url = new URL(api.url);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const total = limit + 1024 * 1024;
    const outcome = await new Promise<{ status: number; text: string; sendError?: string }>((resolve) => {
      let response: { status: number; text: string } | null = null;
      let uploaded = false;
      let sendError: string | undefined;
      const settle = () => {
        if (response && (uploaded || sendError)) resolve({ ...response, sendError });
      };
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/api/staff/stations/import?mode=dry-run',
          headers: { Authorization: `Bearer ${world.xihu}`, 'Content-Type': 'text/csv' },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (part: string) => (text += part));
          res.on('end', () => {
            response = { status: res.statusCode ?? 0, text };
            settle();
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        sendError = error.code ?? error.message;
        response ??= { status: 0, text: '' };
        settle();
      });
      void (async () => {
        // Chunked, with a pause once past the limit: the server has refused by the time the rest is sent.
        for (let sent = 0; sent < total && !sendError; sent += chunk.length) {
          if (sent > limit && sent - chunk.length <= limit) await new Promise((resolve) => setTimeout(resolve, 300));
          if (!req.write(chunk)) await new Promise((resolve) => req.once('drain', resolve));
        }
        req.end(() => {
          uploaded = true;
          settle();
        });
      })();
    });
    expect(outcome.sendError).toBeUndefined();
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.text).error).toMatchObject({ code: 'payload_too_large', message });
  });
});
