/**
 * The real BFF started inside the benchmark's process on a fresh embedded database (no demo
 * data), with the test API the module tests use, so a benchmark can build its scene through
 * the modules' test support and then load it over HTTP.
 */
import { loadConfig } from '../../bff/src/config';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../bff/src/db/embedded-mongo';
import { createLogger } from '../../bff/src/logger';
import { startServer } from '../../bff/src/server';
import type { TestApi } from '../../bff/test/harness';

/**
 * `database`: run on this embedded database (and leave it running on stop) instead of a
 * fresh one, so a BFF in another process can take over the scene this one built.
 */
export async function startInProcessBff(
  env: Record<string, string> = {},
  database?: { embedded: EmbeddedMongo; dbName: string },
): Promise<TestApi> {
  const embedded = database?.embedded ?? (await startEmbeddedMongo());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_SCALE: '1000',
    PORT: '0',
    MONGODB_URI: embedded.uri,
    ...env,
  });
  const running = await startServer(config, createLogger(config.LOG_LEVEL), {
    dbName: database?.dbName ?? `bench_${Date.now()}`,
  });
  return {
    url: running.url,
    running,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(running.url + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
    },
    async stop() {
      await running.stop();
      if (!database) await embedded.stop();
    },
  };
}
