import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { wechatPaySettingsFrom } from './keys';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const wechatPay = {
  WECHAT_PAY_MCH_ID: '1900000001',
  WECHAT_PAY_SERIAL_NO: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  // Base64 of the PEM, as an environment file carries it.
  WECHAT_PAY_PRIVATE_KEY: Buffer.from(merchant.privateKey.export({ type: 'pkcs8', format: 'pem' })).toString('base64'),
  WECHAT_PAY_API_V3_KEY: 'abcdefghijklmnopqrstuvwxyz012345',
  WECHAT_PAY_PLATFORM_PUBLIC_KEY: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID: 'PUB_KEY_ID_0114232134912410000000000000',
};

describe('WeChat Pay configuration', () => {
  it('is off in development when nothing is set', () => {
    expect(wechatPaySettingsFrom(loadConfig({}))).toBeNull();
  });

  it('reads keys as PEM or base64 PEM, paying under the mini-program unless told otherwise', () => {
    const settings = wechatPaySettingsFrom(loadConfig(wechatPay))!;
    expect(settings.client).toMatchObject({ appId: 'wx-dev-appid', mchId: '1900000001' });
    expect(settings.client.privateKey.type).toBe('private');
    expect(settings.platformKeys[0]!.id).toBe('PUB_KEY_ID_0114232134912410000000000000');
    expect(wechatPaySettingsFrom(loadConfig({ ...wechatPay, WECHAT_PAY_APP_ID: 'wxpay' }))!.client.appId).toBe('wxpay');
  });

  it('names what is missing from a partial set', () => {
    expect(() => loadConfig({ ...wechatPay, WECHAT_PAY_API_V3_KEY: undefined })).toThrow(
      /WECHAT_PAY_API_V3_KEY: 微信支付配置不完整/,
    );
  });

  it('refuses an APIv3 key that is not 32 characters', () => {
    expect(() => loadConfig({ ...wechatPay, WECHAT_PAY_API_V3_KEY: 'short' })).toThrow(
      /WECHAT_PAY_API_V3_KEY: 应为 32 个字符/,
    );
  });

  it('is all or nothing in production too: off is fine, half set is refused', () => {
    const production = { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/union' };
    // Production still fails here for its dev secrets, but never for payments left off.
    expect(() => loadConfig(production)).not.toThrow(/WECHAT_PAY/);
    expect(() => loadConfig({ ...production, WECHAT_PAY_MCH_ID: '1900000001' })).toThrow(
      /WECHAT_PAY_SERIAL_NO.*\n(.*\n)*.*WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID/,
    );
    expect(() => loadConfig({ ...production, ...wechatPay })).not.toThrow(/WECHAT_PAY/);
  });

  it('uses the local emulator outside production unless told not to, and never in production', () => {
    expect(loadConfig({}).WECHAT_PAY_EMULATOR).toBe(true);
    expect(loadConfig({ WECHAT_PAY_EMULATOR: 'false' }).WECHAT_PAY_EMULATOR).toBe(false);
    const production = { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/union' };
    expect(() => loadConfig(production)).not.toThrow(/WECHAT_PAY_EMULATOR/);
    expect(() => loadConfig({ ...production, WECHAT_PAY_EMULATOR: 'true' })).toThrow(
      /WECHAT_PAY_EMULATOR: 生产环境不能使用微信支付模拟器/,
    );
  });

  it('needs PUBLIC_BASE_URL in production once payments are on: WeChat Pay must reach the notification routes', () => {
    const production = { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/union', ...wechatPay };
    expect(() => loadConfig(production)).toThrow(/PUBLIC_BASE_URL: 启用微信支付时必须设置/);
    expect(() => loadConfig({ ...production, PUBLIC_BASE_URL: 'https://union.example.cn' })).not.toThrow(
      /PUBLIC_BASE_URL/,
    );
  });
});
