/**
 * Which WeChat Pay the BFF talks to: the real one when every WECHAT_PAY_* key is configured;
 * otherwise, outside production and unless WECHAT_PAY_EMULATOR=false, the local emulator;
 * otherwise none (paid vouchers are off and ordering answers `payments_disabled`).
 */
import type { Config } from '../../config';
import { createWechatPayClient, type WechatPayClient } from './client';
import { startWechatPayEmulator, type WechatPayEmulator } from './emulator';
import { wechatPaySettingsFrom } from './keys';
import type { PlatformKey } from './notification';

export interface WechatPayRuntime {
  client: WechatPayClient;
  /** For checking notifications: the APIv3 key and WeChat Pay's public keys. */
  apiV3Key: string;
  platformKeys: PlatformKey[];
  mchId: string;
  appId: string;
  /** True when this is the local emulator: the mini-program then offers a clearly marked simulated payment. */
  simulated: boolean;
}

export async function startWechatPay(
  config: Config,
): Promise<{ wechatPay: WechatPayRuntime | null; emulator: WechatPayEmulator | null }> {
  const settings = wechatPaySettingsFrom(config);
  if (settings) {
    return {
      wechatPay: {
        client: createWechatPayClient({
          ...settings.client,
          baseUrl: config.WECHAT_PAY_API_BASE_URL,
          timeoutMs: config.WECHAT_PAY_TIMEOUT_MS,
        }),
        apiV3Key: settings.apiV3Key,
        platformKeys: settings.platformKeys,
        mchId: settings.client.mchId,
        appId: settings.client.appId,
        simulated: false,
      },
      emulator: null,
    };
  }
  // The configuration refuses WECHAT_PAY_EMULATOR in production; this keeps it out even so.
  if (!config.WECHAT_PAY_EMULATOR || config.NODE_ENV === 'production') return { wechatPay: null, emulator: null };
  const emulator = await startWechatPayEmulator({
    appId: config.WECHAT_PAY_APP_ID ?? config.WECHAT_APP_ID,
    listen: config.WECHAT_PAY_EMULATOR_HTTP,
  });
  const { identity } = emulator;
  return {
    wechatPay: {
      client: createWechatPayClient({
        appId: identity.appId,
        mchId: identity.mchId,
        serialNo: identity.merchantSerialNo,
        privateKey: identity.merchantPrivateKey,
        // A configured address wins even here: tests put a faulty network in front of the emulator.
        baseUrl: config.WECHAT_PAY_API_BASE_URL ?? emulator.url ?? undefined,
        timeoutMs: config.WECHAT_PAY_TIMEOUT_MS,
      }),
      apiV3Key: identity.apiV3Key,
      platformKeys: [{ id: identity.platformKeyId, publicKey: identity.platformPublicKey }],
      mchId: identity.mchId,
      appId: identity.appId,
      simulated: true,
    },
    emulator,
  };
}
