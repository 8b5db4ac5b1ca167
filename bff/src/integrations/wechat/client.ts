/**
 * The WeChat server API, as the BFF uses it. The base URL is configurable so that
 * development and tests talk to the local emulator, production to api.weixin.qq.com.
 */
import { AuthenticationError, TooManyRequestsError, UpstreamError, UpstreamTimeoutError } from '../../http/errors';
import { boundedCall, MAX_ATTEMPTS } from '../bounded-call';

export interface WechatSession {
  openid: string;
  unionid: string | null;
}

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** The mini-program page the message opens. */
  page: string;
  data: Record<string, { value: string }>;
}

export interface WechatClient {
  code2Session(code: string): Promise<WechatSession>;
  accessToken(): Promise<string>;
  /**
   * Sends a one-time subscribe message. Resolves to false when WeChat refuses because
   * the user has not allowed (or has used up) this template: that is normal, not an error.
   */
  sendSubscribeMessage(message: SubscribeMessage): Promise<boolean>;
}

/** The user has not subscribed to this template (or the one-time permission was used). */
const NOT_SUBSCRIBED = 43101;

interface WechatReply {
  errcode?: number;
  errmsg?: string;
  openid?: string;
  unionid?: string;
  session_key?: string;
  access_token?: string;
  expires_in?: number;
}

/** WeChat's documented error codes for jscode2session that are the caller's fault. */
const CODE_ERRORS: Record<number, { code: string; message: string }> = {
  40029: { code: 'wechat_code_invalid', message: '微信登录凭证无效，请重新打开小程序' },
  40163: { code: 'wechat_code_used', message: '微信登录凭证已被使用，请重新登录' },
  40226: { code: 'wechat_user_blocked', message: '该微信账号存在风险，暂不能登录' },
};

/** What one attempt at a WeChat API call came to. */
type Outcome = { reply: WechatReply } | { failed: 'timeout' | 'unreachable' | 'bad_reply' };

export function createWechatClient(options: {
  baseUrl: string;
  appId: string;
  appSecret: string;
  /** The budget of one call, retries included. */
  timeoutMs?: number;
}): WechatClient {
  let cachedToken: { value: string; renewAt: number } | null = null;

  /**
   * `retry` only for requests safe to repeat: fetching an access token. A login code is single-use
   * (a second try could only answer "code used") and a subscribe message sent twice reaches the
   * member twice, so those get one attempt; the member's own retry brings a fresh login code.
   */
  async function call(
    path: string,
    query: Record<string, string>,
    body?: unknown,
    retry = false,
  ): Promise<WechatReply> {
    const url = new URL(path, options.baseUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const outcome = await boundedCall<Outcome>(
      {
        budgetMs: options.timeoutMs ?? 5000,
        maxAttempts: retry ? MAX_ATTEMPTS : 1,
        worthRetrying: (result) => 'failed' in result && result.failed !== 'timeout',
      },
      async (signal) => {
        let response: Response;
        let text: string;
        try {
          response = await fetch(url, {
            method: body === undefined ? 'GET' : 'POST',
            headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
            signal,
          });
          // Read under the same deadline: a reply that stalls (or is cut) halfway fails like no reply.
          text = await response.text();
        } catch {
          return { failed: signal.aborted ? 'timeout' : 'unreachable' };
        }
        if (!response.ok) return { failed: 'bad_reply' };
        try {
          return { reply: JSON.parse(text) as WechatReply };
        } catch {
          // An HTML error page from something in between: an outage, never a 500.
          return { failed: 'bad_reply' };
        }
      },
    );
    if ('reply' in outcome) return outcome.reply;
    if (outcome.failed === 'timeout') throw UpstreamTimeoutError('微信服务响应超时，请稍后再试');
    if (outcome.failed === 'unreachable') throw UpstreamError('暂时无法连接微信服务，请稍后再试');
    throw UpstreamError('微信服务暂时不可用，请稍后再试');
  }

  return {
    async code2Session(code) {
      const reply = await call('/sns/jscode2session', {
        appid: options.appId,
        secret: options.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      });
      if (reply.errcode) {
        const known = CODE_ERRORS[reply.errcode];
        if (known) throw AuthenticationError(known.message, known.code);
        if (reply.errcode === 45011) throw TooManyRequestsError('登录过于频繁，请稍后再试');
        throw UpstreamError('微信登录暂时不可用，请稍后再试');
      }
      if (!reply.openid) throw UpstreamError('微信登录暂时不可用，请稍后再试');
      return { openid: reply.openid, unionid: reply.unionid ?? null };
    },
    accessToken: () => getAccessToken(),
    async sendSubscribeMessage(message) {
      const send = async () =>
        call(
          '/cgi-bin/message/subscribe/send',
          { access_token: await getAccessToken() },
          { touser: message.openid, template_id: message.templateId, page: message.page, data: message.data },
        );
      let reply = await send();
      // 40001/42001: the cached access token was invalidated early; fetch a new one once.
      if (reply.errcode === 40001 || reply.errcode === 42001) {
        cachedToken = null;
        reply = await send();
      }
      if (!reply.errcode) return true;
      if (reply.errcode === NOT_SUBSCRIBED) return false;
      throw UpstreamError(`微信订阅消息发送失败（${reply.errcode}）`);
    },
  };

  async function getAccessToken(): Promise<string> {
    if (cachedToken && cachedToken.renewAt > Date.now()) return cachedToken.value;
    const credentials = { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret };
    const reply = await call('/cgi-bin/token', credentials, undefined, true);
    if (reply.errcode || !reply.access_token) throw UpstreamError('微信服务暂时不可用，请稍后再试');
    // Renew five minutes early: WeChat keeps the old token valid for a while after a refresh.
    cachedToken = { value: reply.access_token, renewAt: Date.now() + ((reply.expires_in ?? 7200) - 300) * 1000 };
    return cachedToken.value;
  }
}
