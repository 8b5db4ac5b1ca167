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
});
