/**
 * Key material for WeChat Pay, from configuration: PEM text, or the PEM in base64 (which
 * survives environment files that mangle newlines).
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { Config } from '../../config';
import type { WechatPayClientOptions } from './client';
import type { PlatformKey } from './notification';

export function pemFrom(value: string): string {
  const text = value.includes('-----BEGIN') ? value : Buffer.from(value, 'base64').toString('utf8');
  // `\n` written literally in a .env file.
  return text.replace(/\\n/g, '\n');
}

/**
 * WeChat Pay's key for verifying what it sends: either its public key (微信支付公钥, id
 * PUB_KEY_ID_…) or, for older merchants, a platform certificate whose serial is the id.
 */
export function platformKeyFrom(pemOrBase64: string, id: string): PlatformKey {
  const pem = pemFrom(pemOrBase64);
  if (pem.includes('BEGIN CERTIFICATE')) {
    const certificate = new X509Certificate(pem);
    if (certificate.serialNumber.toUpperCase() !== id.toUpperCase()) {
      throw new Error('WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID does not match the platform certificate serial number');
    }
    return { id, publicKey: certificate.publicKey };
  }
  return { id, publicKey: createPublicKey(pem) };
}

export function privateKeyFrom(pemOrBase64: string): KeyObject {
  return createPrivateKey(pemFrom(pemOrBase64));
}

export interface WechatPaySettings {
  client: WechatPayClientOptions;
  apiV3Key: string;
  platformKeys: PlatformKey[];
}

/** The WeChat Pay settings, or null when paid vouchers are off (development without keys). */
export function wechatPaySettingsFrom(config: Config): WechatPaySettings | null {
  const { WECHAT_PAY_MCH_ID, WECHAT_PAY_SERIAL_NO, WECHAT_PAY_PRIVATE_KEY, WECHAT_PAY_API_V3_KEY } = config;
  const { WECHAT_PAY_PLATFORM_PUBLIC_KEY, WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID } = config;
  if (
    !WECHAT_PAY_MCH_ID ||
    !WECHAT_PAY_SERIAL_NO ||
    !WECHAT_PAY_PRIVATE_KEY ||
    !WECHAT_PAY_API_V3_KEY ||
    !WECHAT_PAY_PLATFORM_PUBLIC_KEY ||
    !WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID
  ) {
    return null;
  }
  return {
    client: {
      appId: config.WECHAT_PAY_APP_ID ?? config.WECHAT_APP_ID,
      mchId: WECHAT_PAY_MCH_ID,
      serialNo: WECHAT_PAY_SERIAL_NO,
      privateKey: privateKeyFrom(WECHAT_PAY_PRIVATE_KEY),
    },
    apiV3Key: WECHAT_PAY_API_V3_KEY,
    platformKeys: [platformKeyFrom(WECHAT_PAY_PLATFORM_PUBLIC_KEY, WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID)],
  };
}
