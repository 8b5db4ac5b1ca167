/**
 * Configuration from the environment, validated once at start-up. Development
 * runs with well-known dev secrets so that `pnpm start` needs nothing; production
 * refuses to start while any of them is still in place.
 */
import { z } from 'zod';

/** Published in the repository, so never acceptable in production. */
export const DEV_SECRETS = {
  JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789abcdef',
  FIELD_ENCRYPTION_KEY: 'ZGV2LW9ubHktZmllbGQtZW5jcnlwdGlvbi1rZXktMDE=',
  BLIND_INDEX_KEY: 'ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LTAwMDAwMDE=',
  CARD_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIGRldi1vbmx5LWNhcmQtc2lnbmluZy1zZWVkLTAwMDAx',
  WECHAT_APP_SECRET: 'dev-app-secret',
  STATION_CODE_SECRET: 'dev-only-station-code-secret-0123456789',
} as const;

const base64Key = (bytes: number) =>
  z.string().refine((value) => Buffer.from(value, 'base64').length === bytes, `应为 ${bytes} 字节密钥的 base64 编码`);

/** Object storage has no usable defaults: a missing one would write uploads to the wrong place or not at all. */
const S3_REQUIRED = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/**
 * WeChat Pay is all or nothing: development may leave every key unset (paid vouchers are then
 * off), but a partial set is a mistake, and production needs them all. No defaults: they are secrets.
 */
export const WECHAT_PAY_REQUIRED = [
  'WECHAT_PAY_MCH_ID',
  'WECHAT_PAY_SERIAL_NO',
  'WECHAT_PAY_PRIVATE_KEY',
  'WECHAT_PAY_API_V3_KEY',
  'WECHAT_PAY_PLATFORM_PUBLIC_KEY',
  'WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID',
] as const;

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_BASE_URL: z.url().optional(),
    MONGODB_URI: z.string().startsWith('mongodb', '应以 mongodb:// 或 mongodb+srv:// 开头').optional(),
    /** How long a request waits for an unreachable database before answering 503 (milliseconds). */
    MONGODB_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    JWT_SECRET: z.string().min(32, '至少 32 个字符').default(DEV_SECRETS.JWT_SECRET),
    FIELD_ENCRYPTION_KEY: base64Key(32).default(DEV_SECRETS.FIELD_ENCRYPTION_KEY),
    BLIND_INDEX_KEY: base64Key(32).default(DEV_SECRETS.BLIND_INDEX_KEY),
    CARD_SIGNING_KEY: z
      .string()
      .min(40, '应为 Ed25519 私钥（PKCS#8 DER 的 base64）')
      .default(DEV_SECRETS.CARD_SIGNING_KEY),
    CARD_SIGNING_KEY_ID: z
      .string()
      .regex(/^[\w-]{1,32}$/)
      .default('dev1'),
    WECHAT_APP_ID: z.string().min(1).default('wx-dev-appid'),
    WECHAT_APP_SECRET: z.string().min(1).default(DEV_SECRETS.WECHAT_APP_SECRET),
    /** Subscribe-message template for tuition-aid status changes (from the WeChat console); empty to skip. */
    WECHAT_AID_TEMPLATE_ID: z.string().default('dev-aid-status-template'),
    WECHAT_ACTIVITY_TEMPLATE_ID: z.string().default('dev-activity-status-template'),
    WECHAT_ACTIVITY_REMINDER_TEMPLATE_ID: z.string().default('dev-activity-reminder-template'),
    /** `emulator` starts the local WeChat API emulator in-process (development and tests only). */
    WECHAT_API_BASE_URL: z.union([z.literal('emulator'), z.url()]).default('emulator'),
    /** How long one WeChat API call (login, access token, subscribe message) may take, retries included. */
    WECHAT_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** WeChat Pay merchant number (商户号). */
    WECHAT_PAY_MCH_ID: z
      .string()
      .regex(/^\d{8,12}$/, '应为微信支付商户号（数字）')
      .optional(),
    /** The AppID payments are made under; the mini-program's own when unset. */
    WECHAT_PAY_APP_ID: z.string().min(1).optional(),
    /** Serial number of the merchant API certificate (商户 API 证书序列号). */
    WECHAT_PAY_SERIAL_NO: z
      .string()
      .regex(/^[0-9A-Fa-f]{8,64}$/, '应为商户 API 证书序列号（十六进制）')
      .optional(),
    /** Merchant API private key (apiclient_key.pem), as PEM or the PEM in base64. */
    WECHAT_PAY_PRIVATE_KEY: z.string().min(1).optional(),
    /** APIv3 key: exactly 32 characters, set in the merchant platform. */
    WECHAT_PAY_API_V3_KEY: z
      .string()
      .refine((value) => Buffer.byteLength(value) === 32, '应为 32 个字符的 APIv3 密钥')
      .optional(),
    /** WeChat Pay's public key (微信支付公钥) or platform certificate, as PEM or the PEM in base64. */
    WECHAT_PAY_PLATFORM_PUBLIC_KEY: z.string().min(1).optional(),
    /** Its id (PUB_KEY_ID_…) or the certificate's serial number, as sent in Wechatpay-Serial. */
    WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID: z.string().min(1).optional(),
    /**
     * Without WECHAT_PAY_* keys, outside production: pay through the local WeChat Pay emulator
     * (a clearly marked simulated payment). On by default outside production; refused in production.
     */
    WECHAT_PAY_EMULATOR: z.stringbool().optional(),
    /** Serve the emulator over local HTTP (development); tests turn it off and intercept api.mch.weixin.qq.com. */
    WECHAT_PAY_EMULATOR_HTTP: z.stringbool().default(true),
    /**
     * Replaces https://api.mch.weixin.qq.com, e.g. with WeChat Pay's backup domain
     * https://api2.mch.weixin.qq.com or an egress proxy; the request signature covers only the path.
     */
    WECHAT_PAY_API_BASE_URL: z.url().optional(),
    /**
     * How long one WeChat Pay call may take, retries included. A member's confirmation makes up to
     * two calls (query, then close), so twice this stays under the mini-program's 15 s.
     */
    WECHAT_PAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(6_000),
    /** How often the payment jobs close unpaid orders and reconcile uncertain payments and refunds. */
    PAYMENT_JOBS_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(60_000),
    /** Serve the built H5 app from this folder, so one URL shows the whole product. */
    H5_DIST_DIR: z.string().optional(),
    SEED_DEMO_DATA: z.stringbool().default(false),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    TRUST_PROXY: z.stringbool().default(false),
    /** Where uploads are kept: `memory` (tests, demo), a folder on disk, or `s3` (S3-compatible object storage). */
    FILE_STORE: z.string().min(1).default('memory'),
    /** With FILE_STORE=s3: the S3 endpoint of AWS S3, Tencent Cloud COS, Aliyun OSS or MinIO. */
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().min(1).optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** MinIO needs path-style URLs; COS and OSS only accept virtual-hosted ones (the default). */
    S3_FORCE_PATH_STYLE: z.stringbool().default(false),
    /** The longest one object-storage operation (its 3 attempts included) may take before the request answers 503. */
    S3_TIMEOUT_MS: z.coerce.number().int().min(300).max(120_000).default(10_000),
    /**
     * 扫普通链接二维码打开小程序: the verification file WeChat checks under `<PUBLIC_BASE_URL>/s/`
     * before it accepts the rule, as `<name>.txt:<content>` (both shown when the rule is added).
     */
    WECHAT_LINK_VERIFY_FILE: z
      .string()
      .regex(/^[\w-]+\.txt:\S+$/, '应为“文件名.txt:文件内容”')
      .optional(),
    /** Signs station check-in QR codes (HMAC-SHA256). */
    STATION_CODE_SECRET: z.string().min(32, '至少 32 个字符').default(DEV_SECRETS.STATION_CODE_SECRET),
    /** A CJK font (.ttc/.otf/.ttf) to draw contest certificates with; unset: the usual Debian/Alpine Noto CJK paths. */
    CERTIFICATE_FONT_FILE: z.string().min(1).optional(),
    /**
     * Check every response against the contract (catches a presenter drifting from
     * shared/). On by default outside production; benchmarks turn it off to measure
     * what production runs.
     */
    CHECK_RESPONSES: z.stringbool().optional(),
    /** Multiplies every rate limit; tests that share one loopback address raise it. */
    RATE_LIMIT_SCALE: z.coerce.number().min(0.1).max(1000).default(1),
    /**
     * Where rate-limit counts live: `mongo` shares them between instances (the production
     * default: login and typed-code budgets must be global); `memory` is per process.
     */
    RATE_LIMIT_STORE: z.enum(['memory', 'mongo']).optional(),
    /** How often each instance's station and offer indexes poll for writes made by other instances. */
    STATION_INDEX_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(3000),
    /** How often each instance looks for station imports to start or to take over from an instance that died. */
    STATION_IMPORT_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
    /** An import whose instance stopped renewing it for this long is taken over by another. */
    STATION_IMPORT_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(60_000),
    /**
     * The bearer token Prometheus sends to read GET /metrics. Unset: the endpoint is off in
     * production and answers only this machine elsewhere (see observability/metrics-endpoint.ts).
     */
    METRICS_TOKEN: z.string().min(32, '至少 32 个字符').regex(/^\S+$/, '不能包含空白字符').optional(),
    /** Benchmark only: serve a generated national dataset of this many stations instead of the database's. */
    STATION_BENCH_DATASET: z.coerce.number().int().min(1).max(2_000_000).optional(),
    /** Benchmark only: `bruteforce` scans every station per query, the baseline the index is measured against. */
    STATION_SEARCH: z.enum(['index', 'bruteforce']).default('index'),
  })
  .superRefine((config, ctx) => {
    if (config.FILE_STORE === 's3') {
      for (const name of S3_REQUIRED) {
        if (!config[name]) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'FILE_STORE=s3 时必须设置（required when FILE_STORE=s3）',
          });
        }
      }
    }
    // All or nothing, in every environment: payments stay off until a deployment configures
    // them (the benefit-merchants feature will require them once it ships).
    const wechatPayMissing = WECHAT_PAY_REQUIRED.filter((name) => !config[name]);
    if (wechatPayMissing.length < WECHAT_PAY_REQUIRED.length) {
      for (const name of wechatPayMissing) {
        ctx.addIssue({ code: 'custom', path: [name], message: '微信支付配置不完整，须与其他 WECHAT_PAY_* 一并设置' });
      }
    }
    if (config.NODE_ENV !== 'production') return;
    if (config.WECHAT_PAY_EMULATOR) {
      ctx.addIssue({ code: 'custom', path: ['WECHAT_PAY_EMULATOR'], message: '生产环境不能使用微信支付模拟器' });
    }
    // WeChat Pay must reach the notification routes at a public HTTPS address we name ourselves.
    if (wechatPayMissing.length === 0 && !config.PUBLIC_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_BASE_URL'],
        message: '启用微信支付时必须设置（支付结果通知地址）',
      });
    }
    for (const [name, devValue] of Object.entries(DEV_SECRETS)) {
      if (config[name as keyof typeof DEV_SECRETS] === devValue) {
        ctx.addIssue({ code: 'custom', path: [name], message: '生产环境不能使用开发密钥，请设置真实密钥' });
      }
    }
    if (!config.MONGODB_URI) {
      ctx.addIssue({ code: 'custom', path: ['MONGODB_URI'], message: '生产环境必须连接真实的 MongoDB（≥6，副本集）' });
    }
    if (config.WECHAT_API_BASE_URL === 'emulator') {
      ctx.addIssue({ code: 'custom', path: ['WECHAT_API_BASE_URL'], message: '生产环境不能使用微信接口模拟器' });
    }
    if (config.FILE_STORE === 'memory') {
      ctx.addIssue({
        code: 'custom',
        path: ['FILE_STORE'],
        message: '生产环境须把上传文件保存到持久存储（目录或对象存储）',
      });
    }
    if (config.SEED_DEMO_DATA) {
      ctx.addIssue({ code: 'custom', path: ['SEED_DEMO_DATA'], message: '生产环境不能写入演示数据' });
    }
    if (config.STATION_BENCH_DATASET !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['STATION_BENCH_DATASET'], message: '生产环境不能使用基准测试的生成数据' });
    }
    if (config.STATION_SEARCH !== 'index') {
      ctx.addIssue({ code: 'custom', path: ['STATION_SEARCH'], message: '生产环境必须使用空间索引查找驿站' });
    }
  })
  .transform((config) => ({
    ...config,
    WECHAT_PAY_EMULATOR: config.WECHAT_PAY_EMULATOR ?? config.NODE_ENV !== 'production',
    RATE_LIMIT_STORE: config.RATE_LIMIT_STORE ?? (config.NODE_ENV === 'production' ? 'mongo' : 'memory'),
  }));

export type Config = z.infer<typeof ConfigSchema>;

/** Each variable the configuration reads, with its own check; deploy/env.example lists exactly these. */
export const CONFIG_FIELDS = ConfigSchema.in.shape;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(config)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration (配置有误):\n${lines.join('\n')}`);
}

export const isProduction = (config: Config) => config.NODE_ENV === 'production';
