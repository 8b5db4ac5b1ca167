/**
 * Starts the real BFF over HTTP on a free port, against a fresh database of its
 * own, with the WeChat emulator. Tests talk to it as the mini-program would.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import './provided-context';
import { loadConfig } from '../src/config';
import { createLogger, type Logger } from '../src/logger';
import { startServer, type RunningServer } from '../src/server';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApi {
  url: string;
  running: RunningServer;
  request<T = any>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string },
  ): Promise<ApiResponse<T>>;
  stop(): Promise<void>;
}

export async function startTestApi(env: Record<string, string> = {}, logger?: Logger): Promise<TestApi> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    RATE_LIMIT_SCALE: '100',
    PORT: '0',
    MONGODB_URI: inject('mongoUri'),
    ...env,
  });
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  // Errors are kept, not printed: a test that meets an unexpected 500 prints what the server logged
  // for it (a rare race is then diagnosable from the one run that met it). TEST_LOG_LEVEL=warn
  // prints everything from that level instead.
  const recentErrors: string[] = [];
  const keepErrors = {
    write(line: string) {
      recentErrors.push(line);
      if (recentErrors.length > 20) recentErrors.shift();
    },
  };
  const defaultLogger = process.env.TEST_LOG_LEVEL
    ? createLogger(config.LOG_LEVEL)
    : createLogger(config.LOG_LEVEL, keepErrors);
  const running = await startServer(config, logger ?? defaultLogger, { dbName });
  return {
    url: running.url,
    running,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      const response = await fetch(running.url + path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      if (response.status === 500 && recentErrors.length > 0) {
        console.error(`${method} ${path} answered 500; the server logged:\n${recentErrors.join('')}`);
        recentErrors.length = 0;
      }
      return { status: response.status, body: parsed as any, headers: response.headers };
    },
    async stop() {
      // Real MongoDB can drop; the embedded one cannot, and its data dies with the run anyway.
      if (process.env.MONGODB_URI) await mongoose.connection.db?.dropDatabase();
      await running.stop();
    },
  };
}
