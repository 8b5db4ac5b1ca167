import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_SECRETS, loadConfig } from './config';

describe('configuration', () => {
  it('starts in development with nothing set', () => {
    expect(loadConfig({}).WECHAT_API_BASE_URL).toBe('emulator');
  });

  it('refuses to start production with the published dev secrets, naming each one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/union' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/union' });
    } catch (error) {
      for (const name of Object.keys(DEV_SECRETS)) expect((error as Error).message).toContain(name);
      expect((error as Error).message).toContain('WECHAT_API_BASE_URL');
    }
  });

  it('explains a malformed value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ FIELD_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/FIELD_ENCRYPTION_KEY: 应为 32 字节/);
  });

  it('requires every object storage setting with FILE_STORE=s3, and has no default for the secret', () => {
    expect(() => loadConfig({ FILE_STORE: 's3', S3_ENDPOINT: 'https://cos.ap-shanghai.myqcloud.com' })).toThrow(
      /S3_SECRET_ACCESS_KEY: FILE_STORE=s3 时必须设置（required when FILE_STORE=s3）/,
    );
    const s3 = {
      FILE_STORE: 's3',
      S3_ENDPOINT: 'https://cos.ap-shanghai.myqcloud.com',
      S3_REGION: 'ap-shanghai',
      S3_BUCKET: 'union-uploads-1250000000',
      S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig(s3)).toMatchObject({ S3_BUCKET: 'union-uploads-1250000000', S3_FORCE_PATH_STYLE: false });
    expect(() => loadConfig({ ...s3, S3_ACCESS_KEY_ID: undefined })).toThrow(/S3_ACCESS_KEY_ID/);
  });
});
