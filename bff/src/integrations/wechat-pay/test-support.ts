/**
 * For tests: mounts the WeChat Pay emulator's core behind an in-process interceptor on the real
 * host, https://api.mch.weixin.qq.com, so the real client (signing, URLs, error handling) talks
 * to it. Loopback stays reachable: the test's own requests, and the emulator's notifications to
 * the BFF, go over real HTTP.
 */
import type { KeyObject } from 'node:crypto';
import nock from 'nock';
import { WECHAT_PAY_ORIGIN } from './client';
import type { EmulatorReply, EmulatorRequest } from './emulator-core';
import type { WechatPayEmulator } from './emulator';

interface Hold {
  method: string;
  pathPrefix: string;
  reached: () => void;
  released: Promise<void>;
}

interface Failure {
  method: string;
  pathPrefix: string;
  reply: EmulatorReply | 'unreachable';
}

export interface WechatPayInterception {
  /** Every request WeChat Pay received, in order. */
  requests: EmulatorRequest[];
  /**
   * Lets the emulator handle the next matching request, but holds its answer back until
   * `release()`: the moment between WeChat Pay acting and our client hearing about it.
   */
  holdNext(method: string, pathPrefix: string): { reached: Promise<void>; release: () => void };
  /**
   * Answers the next matching request with `reply` without the emulator seeing it, or drops it;
   * `times` in a row (the client retries a dropped request or a 5xx: MAX_ATTEMPTS fails a whole call).
   */
  failNext(method: string, pathPrefix: string, reply: EmulatorReply | 'unreachable', times?: number): void;
  stop(): void;
}

export function interceptWechatPay(emulator: WechatPayEmulator): WechatPayInterception {
  const requests: EmulatorRequest[] = [];
  const holds: Hold[] = [];
  const failures: Failure[] = [];
  const take = <T extends { method: string; pathPrefix: string }>(list: T[], request: EmulatorRequest) => {
    const index = list.findIndex(
      (entry) => entry.method === request.method && request.path.startsWith(entry.pathPrefix),
    );
    return index === -1 ? undefined : list.splice(index, 1)[0];
  };

  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
  const scope = nock(WECHAT_PAY_ORIGIN).persist();
  for (const method of ['GET', 'POST']) {
    scope
      .intercept(() => true, method)
      .reply(async function (path, body) {
        const request: EmulatorRequest = {
          method,
          path,
          headers: this.req.headers,
          // The interceptor hands JSON over parsed; the client sent JSON.stringify's output, so this is the same text.
          body: typeof body === 'string' ? body : JSON.stringify(body),
        };
        requests.push(request);
        const failure = take(failures, request);
        if (failure?.reply === 'unreachable') throw new Error('connect ETIMEDOUT (simulated)');
        const reply = failure ? failure.reply : emulator.handle(request);
        const hold = take(holds, request);
        if (hold) {
          hold.reached();
          await hold.released;
        }
        return [
          reply.status,
          reply.body === undefined ? '' : JSON.stringify(reply.body),
          { 'Content-Type': 'application/json' },
        ];
      });
  }

  return {
    requests,
    holdNext(method, pathPrefix) {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push({ method, pathPrefix, reached, released });
      return { reached: reachedPromise, release };
    },
    failNext(method, pathPrefix, reply, times = 1) {
      for (let time = 0; time < times; time++) failures.push({ method, pathPrefix, reply });
    },
    stop() {
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

/**
 * The WECHAT_PAY_* configuration of a merchant whose WeChat Pay is this emulator: instances
 * started with it (child processes included) sign with its merchant key and accept only the
 * notifications it signs. Calls such an instance makes to WeChat Pay go to the real host, so
 * only an instance in this process, behind `interceptWechatPay`, may be sent ones that call out.
 */
export function merchantEnvOf(emulator: WechatPayEmulator): Record<string, string> {
  const { identity } = emulator;
  const pemBase64 = (key: KeyObject, type: 'pkcs8' | 'spki') =>
    Buffer.from(key.export({ type, format: 'pem' }) as string).toString('base64');
  return {
    WECHAT_PAY_MCH_ID: identity.mchId,
    WECHAT_PAY_APP_ID: identity.appId,
    WECHAT_PAY_SERIAL_NO: identity.merchantSerialNo,
    WECHAT_PAY_PRIVATE_KEY: pemBase64(identity.merchantPrivateKey, 'pkcs8'),
    WECHAT_PAY_API_V3_KEY: identity.apiV3Key,
    WECHAT_PAY_PLATFORM_PUBLIC_KEY: pemBase64(identity.platformPublicKey, 'spki'),
    WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID: identity.platformKeyId,
  };
}
