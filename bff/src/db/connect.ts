import mongoose from 'mongoose';
import type { Logger } from '../logger';
import { startEmbeddedMongo } from './embedded-mongo';

// jongodb has no `create` command and production creates collections on first
// write anyway; indexes are built explicitly by ensureIndexes().
mongoose.set('autoCreate', false);
mongoose.set('autoIndex', false);
mongoose.set('strictQuery', true);
// Mongoose records `new Error().stack` at every query's exec, only to say where a query was
// first run if it is ever run twice (a programming error). With source maps on (the image runs
// `--enable-source-maps`, tsx in development) that stack is mapped each time: a noticeable part
// of every database-bound request's CPU (measured in `pnpm bench card benefits`).
mongoose.set('skipOriginalStackTraces', true);

export interface Database {
  connection: mongoose.Connection;
  embedded: boolean;
  close(): Promise<void>;
}

export interface ConnectOptions {
  uri?: string;
  dbName?: string;
  logger: Logger;
  /**
   * How long an operation waits for an unreachable database (server selection, or mongoose's
   * buffer while disconnected) before it fails, and the request answers 503.
   */
  timeoutMs?: number;
}

export async function connectDatabase(options: ConnectOptions): Promise<Database> {
  const embedded = options.uri ? null : await startEmbeddedMongo();
  const uri = options.uri ?? embedded!.uri;
  if (embedded) {
    options.logger.warn(
      'MONGODB_URI is not set: using the embedded in-memory database; data is lost on exit (数据仅在内存中)',
    );
  }
  // Polling heartbeats: jongodb answers the streaming (exhaust) hello wrongly under load, and the
  // driver then clears the whole pool, failing every request in flight.
  const timeoutMs = options.timeoutMs ?? 10_000;
  mongoose.set('bufferTimeoutMS', timeoutMs);
  await mongoose.connect(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: timeoutMs,
    serverMonitoringMode: 'poll',
  });
  await ensureIndexes();
  return {
    connection: mongoose.connection,
    embedded: Boolean(embedded),
    async close() {
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

/** Builds every model's declared indexes (unique ones guard invariants, so this must finish before serving). */
export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) await model.createIndexes();
}

/**
 * Readiness is a real round trip: mongoose's readyState is not trusted, because
 * against the embedded server it reports "disconnected" while queries still work.
 */
export async function isDatabaseReady(timeoutMs = 2000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const pinged = db.command({ ping: 1 }).then(
    (reply) => reply.ok === 1,
    () => false,
  );
  try {
    return await Promise.race([pinged, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
