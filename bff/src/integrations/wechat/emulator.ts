/**
 * A local stand-in for WeChat's server API (development and tests only; the
 * config refuses it in production). It answers like the real service, error codes
 * included. On a phone, `wx.login` would obtain a login code from WeChat; here
 * `mintLoginCode` (or POST /__emulator/login-codes) plays that part.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface WechatEmulator {
  url: string;
  mintLoginCode(openid: string): string;
  /** Subscribe messages delivered so far, oldest first (what the member's WeChat would show). */
  sentSubscribeMessages(): SentSubscribeMessage[];
  /** Makes the next messages to this openid fail as "not subscribed" (errcode 43101), as when a user declines. */
  declineSubscriptions(openid: string): void;
  stop(): Promise<void>;
}

const LOGIN_CODE_TTL_MS = 5 * 60 * 1000;

export async function startWechatEmulator(options: { appId: string; appSecret: string }): Promise<WechatEmulator> {
  const codes = new Map<string, { openid: string; expiresAt: number; used: boolean }>();
  const accessTokens = new Set<string>();
  const sent: SentSubscribeMessage[] = [];
  const declined = new Set<string>();
  const rid = () => randomBytes(6).toString('hex');

  function mintLoginCode(openid: string): string {
    const code = randomBytes(16).toString('hex');
    codes.set(code, { openid, expiresAt: Date.now() + LOGIN_CODE_TTL_MS, used: false });
    return code;
  }

  function answer(url: URL, body: string): unknown {
    const appid = url.searchParams.get('appid');
    const secret = url.searchParams.get('secret');
    if (url.pathname === '/sns/jscode2session' || url.pathname === '/cgi-bin/token') {
      if (appid !== options.appId) return { errcode: 40013, errmsg: `invalid appid rid: ${rid()}` };
      if (secret !== options.appSecret) return { errcode: 40125, errmsg: `invalid appsecret rid: ${rid()}` };
    }
    if (url.pathname === '/sns/jscode2session') {
      const entry = codes.get(url.searchParams.get('js_code') ?? '');
      if (!entry || entry.expiresAt < Date.now()) return { errcode: 40029, errmsg: `invalid code, rid: ${rid()}` };
      if (entry.used) return { errcode: 40163, errmsg: `code been used, rid: ${rid()}` };
      entry.used = true;
      return {
        openid: entry.openid,
        unionid: `union-${entry.openid}`,
        session_key: randomBytes(16).toString('base64'),
      };
    }
    if (url.pathname === '/cgi-bin/token') {
      const token = randomBytes(24).toString('hex');
      accessTokens.add(token);
      return { access_token: token, expires_in: 7200 };
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      if (!accessTokens.has(url.searchParams.get('access_token') ?? '')) {
        return { errcode: 40001, errmsg: `invalid credential, access_token is invalid or not latest rid: ${rid()}` };
      }
      const message = JSON.parse(body || '{}') as SentSubscribeMessage;
      if (!message.touser || !message.template_id || !message.data) {
        return { errcode: 47003, errmsg: `argument invalid! rid: ${rid()}` };
      }
      // Template fields are short: WeChat refuses a `thing` value over 20 characters.
      for (const [key, field] of Object.entries(message.data)) {
        if (key.startsWith('thing') && Array.from(field.value).length > 20) {
          return { errcode: 47003, errmsg: `argument invalid! data.${key}.value rid: ${rid()}` };
        }
      }
      if (declined.has(message.touser))
        return { errcode: 43101, errmsg: `user refuse to accept the msg rid: ${rid()}` };
      sent.push(message);
      return { errcode: 0, errmsg: 'ok' };
    }
    if (url.pathname === '/__emulator/login-codes') {
      const { openid } = JSON.parse(body || '{}') as { openid?: string };
      if (!openid) return { errcode: 41001, errmsg: 'missing openid' };
      return { code: mintLoginCode(openid) };
    }
    return { errcode: 404, errmsg: 'no such api in the emulator' };
  }

  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      let reply: unknown;
      try {
        reply = answer(new URL(request.url ?? '/', 'http://emulator'), body);
      } catch {
        reply = { errcode: 47001, errmsg: 'data format error' };
      }
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mintLoginCode,
    sentSubscribeMessages: () => [...sent],
    declineSubscriptions: (openid) => void declined.add(openid),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
