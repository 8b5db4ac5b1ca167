/**
 * The WeChat server API, as the BFF uses it. The base URL is configurable so that
 * development and tests talk to the local emulator, production to api.weixin.qq.com.
 */
import { AuthenticationError, TooManyRequestsError, UpstreamError } from '../../http/errors';

export interface WechatSession {
  openid: string;
  unionid: string | null;
}

export interface WechatClient {
  code2Session(code: string): Promise<WechatSession>;
  accessToken(): Promise<string>;
}

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

export function createWechatClient(options: {
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
}): WechatClient {
  let cachedToken: { value: string; renewAt: number } | null = null;

  async function call(path: string, query: Record<string, string>): Promise<WechatReply> {
    const url = new URL(path, options.baseUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
    } catch {
      throw UpstreamError('暂时无法连接微信服务，请稍后再试');
    }
    if (!response.ok) throw UpstreamError('微信服务暂时不可用，请稍后再试');
    return (await response.json()) as WechatReply;
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
    async accessToken() {
      if (cachedToken && cachedToken.renewAt > Date.now()) return cachedToken.value;
      const reply = await call('/cgi-bin/token', {
        grant_type: 'client_credential',
        appid: options.appId,
        secret: options.appSecret,
      });
      if (reply.errcode || !reply.access_token) throw UpstreamError('微信服务暂时不可用，请稍后再试');
      // Renew five minutes early: WeChat keeps the old token valid for a while after a refresh.
      cachedToken = { value: reply.access_token, renewAt: Date.now() + ((reply.expires_in ?? 7200) - 300) * 1000 };
      return cachedToken.value;
    },
  };
}
