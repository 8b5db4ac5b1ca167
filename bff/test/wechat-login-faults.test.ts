/**
 * WeChat's server API misbehaving under a member's login (code2session): slow past the budget,
 * 5xx, a reset connection, an answer cut off, an HTML page from a proxy. The member gets a
 * clear Chinese message with a stable code (504 upstream_timeout or 502 upstream_failed), never
 * a 500, and no account is created; the login code is single-use, so it is asked once. The
 * access token, safe to fetch again, is retried a bounded number of times.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../src/integrations/bounded-call';
import { createWechatClient } from '../src/integrations/wechat/client';
import { AccountModel } from '../src/modules/auth/account.model';
import { startFaultyUpstream, type Fault, type FaultyUpstream, type UpstreamRequest } from './faulty-upstream';
import { startTestApi, type TestApi } from './harness';

/** Generous for a busy machine: a healthy answer must arrive within it. */
const BUDGET_MS = 1000;
const CODE2SESSION = '/sns/jscode2session';

/** WeChat as far as these tests need it: a login code `code-<openid>` names its user. */
function wechat(request: UpstreamRequest) {
  const url = new URL(request.path, 'http://wechat');
  if (url.pathname === CODE2SESSION) {
    return { status: 200, body: { openid: url.searchParams.get('js_code')!.slice(5), session_key: 'k' } };
  }
  if (url.pathname === '/cgi-bin/token') return { status: 200, body: { access_token: 'token-1', expires_in: 7200 } };
  return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
}

let upstream: FaultyUpstream;
let api: TestApi;
beforeAll(async () => {
  upstream = await startFaultyUpstream(wechat);
  api = await startTestApi({ WECHAT_API_BASE_URL: upstream.url, WECHAT_API_TIMEOUT_MS: String(BUDGET_MS) });
});
afterAll(async () => {
  await api.stop();
  await upstream.stop();
});
beforeEach(() => upstream.heal());

let next = 0;
/** A login with a fresh code; answers the response, the time it took and the openid it was for. */
async function login() {
  const openid = `o-fault-${++next}`;
  const started = Date.now();
  const response = await api.request('POST', '/api/auth/wechat-login', { body: { code: `code-${openid}` } });
  return { response, elapsedMs: Date.now() - started, openid };
}

const attemptsFor = (openid: string) =>
  upstream.seen('GET', CODE2SESSION).filter((request) => request.path.includes(`js_code=code-${openid}`)).length;

/** Nothing a member should not read: no driver, socket or stack text. */
const INTERNAL = /fetch failed|ECONN|socket|terminated|abort|Error|stack|undici|127\.0\.0\.1/i;

const cases: { name: string; fault: Fault; status: number; code: string; message: string }[] = [
  {
    name: 'slow past the budget',
    fault: 'hang',
    status: 504,
    code: 'upstream_timeout',
    message: '微信服务响应超时，请稍后再试',
  },
  {
    name: 'answering 500',
    fault: { status: 500 },
    status: 502,
    code: 'upstream_failed',
    message: '微信服务暂时不可用，请稍后再试',
  },
  {
    name: 'answering 502',
    fault: { status: 502 },
    status: 502,
    code: 'upstream_failed',
    message: '微信服务暂时不可用，请稍后再试',
  },
  {
    name: 'answering 503',
    fault: { status: 503 },
    status: 502,
    code: 'upstream_failed',
    message: '微信服务暂时不可用，请稍后再试',
  },
  {
    name: 'resetting the connection',
    fault: 'reset',
    status: 502,
    code: 'upstream_failed',
    message: '暂时无法连接微信服务，请稍后再试',
  },
  {
    name: 'cutting its answer off halfway',
    fault: 'act-then-cut',
    status: 502,
    code: 'upstream_failed',
    message: '暂时无法连接微信服务，请稍后再试',
  },
  {
    name: 'answering an HTML page with 200 (a proxy)',
    fault: { status: 200, body: '<html>502 Bad Gateway</html>', contentType: 'text/html' },
    status: 502,
    code: 'upstream_failed',
    message: '微信服务暂时不可用，请稍后再试',
  },
];

describe('a WeChat login while WeChat is failing', () => {
  for (const { name, fault, status, code, message } of cases) {
    it(`answers ${status} ${code} in Chinese, asks once and creates no account, when WeChat is ${name}`, async () => {
      upstream.failNext('GET', CODE2SESSION, fault);
      const accountsBefore = await AccountModel.countDocuments();
      const { response, elapsedMs, openid } = await login();
      expect(response.status).toBe(status);
      expect(response.body.error).toMatchObject({ code, message });
      expect(Object.keys(response.body.error).sort()).toEqual(['code', 'message', 'requestId']);
      expect(response.body.error.message).not.toMatch(INTERNAL);
      // Within the budget (plus slack for a busy machine), never left hanging with WeChat.
      expect(elapsedMs).toBeLessThan(BUDGET_MS + 3000);
      // The code is single-use: asking again could only be told "code used".
      expect(attemptsFor(openid)).toBe(1);
      expect(await AccountModel.exists({ openid })).toBeNull();
      expect(await AccountModel.countDocuments()).toBe(accountsBefore);
    });
  }

  it('signs the member in once WeChat answers again, with one account', async () => {
    upstream.failNext('GET', CODE2SESSION, 'reset');
    expect((await login()).response.status).toBe(502);
    const { response, openid } = await login();
    expect(response.status).toBe(200);
    expect(response.body.accessToken).toEqual(expect.any(String));
    expect(await AccountModel.countDocuments({ openid })).toBe(1);
  });
});

describe('the access token for subscribe messages', () => {
  const client = () =>
    createWechatClient({ baseUrl: upstream.url, appId: 'wx-app', appSecret: 'secret', timeoutMs: BUDGET_MS });
  const message = { openid: 'o1', templateId: 't1', page: 'pages/index/index', data: { thing1: { value: '好' } } };

  it('is fetched again after a reset or a 5xx, within the bound, and the message goes once', async () => {
    const tokensBefore = upstream.seen('GET', '/cgi-bin/token').length;
    const sendsBefore = upstream.seen('POST', '/cgi-bin/message/subscribe/send').length;
    upstream.failNext('GET', '/cgi-bin/token', 'reset');
    upstream.failNext('GET', '/cgi-bin/token', { status: 503 });
    expect(await client().sendSubscribeMessage(message)).toBe(true);
    expect(upstream.seen('GET', '/cgi-bin/token').length - tokensBefore).toBe(3);
    expect(upstream.seen('POST', '/cgi-bin/message/subscribe/send').length - sendsBefore).toBe(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts with a clear message, sending nothing`, async () => {
    const tokensBefore = upstream.seen('GET', '/cgi-bin/token').length;
    const sendsBefore = upstream.seen('POST', '/cgi-bin/message/subscribe/send').length;
    upstream.failNext('GET', '/cgi-bin/token', { status: 502 }, MAX_ATTEMPTS + 1);
    await expect(client().sendSubscribeMessage(message)).rejects.toMatchObject({
      status: 502,
      code: 'upstream_failed',
      message: '微信服务暂时不可用，请稍后再试',
    });
    expect(upstream.seen('GET', '/cgi-bin/token').length - tokensBefore).toBe(MAX_ATTEMPTS);
    expect(upstream.seen('POST', '/cgi-bin/message/subscribe/send').length - sendsBefore).toBe(0);
  });

  it('is not fetched again once the budget ran out on a silent WeChat', async () => {
    const tokensBefore = upstream.seen('GET', '/cgi-bin/token').length;
    upstream.failNext('GET', '/cgi-bin/token', 'hang');
    await expect(client().sendSubscribeMessage(message)).rejects.toMatchObject({
      status: 504,
      code: 'upstream_timeout',
      message: '微信服务响应超时，请稍后再试',
    });
    expect(upstream.seen('GET', '/cgi-bin/token').length - tokensBefore).toBe(1);
  });
});
