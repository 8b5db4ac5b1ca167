import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';
import { loginWechat } from './fixtures';

let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await startTestApi();
  token = (await loginWechat(api, 'wx-errors')).token;
});
afterAll(() => api.stop());

describe('one error shape for every failure', () => {
  it('answers malformed JSON with 400, not 500', async () => {
    const response = await api.request('POST', '/api/membership/bind', {
      token,
      rawBody: '{"name": "张三",',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'malformed_body' });
  });

  it('answers an oversize body with 413', async () => {
    const response = await api.request('POST', '/api/membership/bind', {
      token,
      body: { name: '张'.repeat(100_000), idNumber: 'x', mobile: 'x' },
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('lists every bad field at once, in Chinese', async () => {
    const response = await api.request('POST', '/api/membership/bind', {
      token,
      body: { name: '张', idNumber: '11010519491231002Y', mobile: '12345' },
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['idNumber', 'mobile', 'name']);
    for (const detail of response.body.error.details) expect(detail.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('answers an id that is not an id with 400 on the path parameter', async () => {
    const response = await api.request('GET', '/api/members/not-an-id', { token });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'id' })]);
  });

  it('answers unknown routes with 404 in the same shape, with a request id', async () => {
    const response = await api.request('GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('serves liveness, readiness and the generated API docs', async () => {
    expect((await api.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await api.request('GET', '/readyz')).body).toEqual({ status: 'ready' });
    const spec = await api.request('GET', '/api/openapi.json');
    expect(spec.body.paths['/api/membership/bind'].post.requestBody).toBeDefined();
    expect((await api.request('GET', '/api/docs')).body).toContain('swagger-ui-bundle.js');
    expect((await api.request('GET', '/api/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });
});
