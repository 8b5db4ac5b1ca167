/**
 * Everything the routes need that is built once from the configuration: crypto,
 * tokens and the WeChat client (with its local emulator outside production).
 */
import type { Config } from './config';
import { createCardSigner, type CardSigner } from './crypto/card-signer';
import { createFieldCipher, type FieldCipher } from './crypto/field-encryption';
import { createWechatClient, type WechatClient } from './integrations/wechat/client';
import { startWechatEmulator, type WechatEmulator } from './integrations/wechat/emulator';
import { createDiskFileStore, createMemoryFileStore, type FileStore } from './integrations/storage/file-store';
import { createS3FileStore } from './integrations/storage/s3-file-store';
import type { WechatPayEmulator } from './integrations/wechat-pay/emulator';
import { startWechatPay, type WechatPayRuntime } from './integrations/wechat-pay/setup';
import type { Logger } from './logger';
import { createMetrics, type Metrics } from './observability/metrics';
import { createSessionTokens, type SessionTokens } from './modules/auth/session-tokens';

export type { WechatPayRuntime };

export interface Runtime {
  config: Config;
  logger: Logger;
  cipher: FieldCipher;
  cardSigner: CardSigner;
  tokens: SessionTokens;
  wechat: WechatClient;
  /** Present only when WECHAT_API_BASE_URL=emulator (never in production). */
  wechatEmulator: WechatEmulator | null;
  files: FileStore;
  /** WeChat Pay for paid vouchers: the real one, the local emulator (never in production), or null (off). */
  wechatPay: WechatPayRuntime | null;
  /** The local WeChat Pay emulator behind `wechatPay` when it is simulated (never in production). */
  wechatPayEmulator: WechatPayEmulator | null;
  /** This server's Prometheus registry and the hooks that fill it (observability/metrics.ts). */
  metrics: Metrics;
  close(): Promise<void>;
}

export async function createRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const wechatEmulator =
    config.WECHAT_API_BASE_URL === 'emulator'
      ? await startWechatEmulator({ appId: config.WECHAT_APP_ID, appSecret: config.WECHAT_APP_SECRET })
      : null;
  const files = createFileStore(config, logger);
  const { wechatPay, emulator: wechatPayEmulator } = await startWechatPay(config);
  return {
    config,
    logger,
    cipher: createFieldCipher(config.FIELD_ENCRYPTION_KEY, config.BLIND_INDEX_KEY),
    cardSigner: createCardSigner(config.CARD_SIGNING_KEY, config.CARD_SIGNING_KEY_ID),
    tokens: createSessionTokens({
      jwtSecret: config.JWT_SECRET,
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    }),
    wechat: createWechatClient({
      baseUrl: wechatEmulator?.url ?? config.WECHAT_API_BASE_URL,
      appId: config.WECHAT_APP_ID,
      appSecret: config.WECHAT_APP_SECRET,
      timeoutMs: config.WECHAT_API_TIMEOUT_MS,
    }),
    wechatEmulator,
    files,
    wechatPay,
    wechatPayEmulator,
    metrics: createMetrics(),
    close: async () => {
      await wechatPayEmulator?.stop();
      await wechatEmulator?.stop();
      files.close?.();
    },
  };
}

function createFileStore(config: Config, logger: Logger): FileStore {
  if (config.FILE_STORE === 'memory') return createMemoryFileStore();
  if (config.FILE_STORE !== 's3') return createDiskFileStore(config.FILE_STORE);
  // loadConfig has refused to start without these, so they are all set here.
  return createS3FileStore({
    endpoint: config.S3_ENDPOINT!,
    region: config.S3_REGION!,
    bucket: config.S3_BUCKET!,
    accessKeyId: config.S3_ACCESS_KEY_ID!,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    timeoutMs: config.S3_TIMEOUT_MS,
    logger,
  });
}
