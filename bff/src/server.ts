/**
 * Starts the whole BFF: configuration, database (embedded when MONGODB_URI is
 * unset), optional demo data, HTTP server, and a graceful shutdown.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { createAppContext } from './app-context';
import { connectModules } from './connect-modules';
import { answerClientErrors } from './http/client-error';
import type { Config } from './config';
import { connectDatabase, type Database } from './db/connect';
import type { Logger } from './logger';
import { createRuntime, type Runtime } from './runtime';
import { startActivityJobs } from './modules/activities/jobs';
import { recoverStuckDisbursements } from './modules/aid-review/disbursement-recovery';
import { startAidNoticeSweep } from './modules/aid-review/notice.service';
import { completeInterruptedApprovals } from './modules/membership/join-review.service';
import { startOfferSearch } from './modules/offers/offer-search';
import { registerPaymentMetrics } from './modules/payments/metrics';
import { startPaymentJobs } from './modules/payments/jobs';
import { startQuizJobs } from './modules/quizzes/jobs';
import { startFigureJobs } from './modules/figures/jobs';
import { startHoldSweep } from './modules/vouchers/jobs';
import { startApprovalRepair } from './modules/membership/jobs';
import { registerStationIndexMetrics } from './modules/stations/metrics';
import { startStationSearch } from './modules/stations/station-search';
import { startStationImports } from './modules/station-admin/import-runner';
import { backfillStationVisitFields } from './modules/station-visits/backfill';
import { runDataMigrationOnce } from './db/data-migrations';
import { seedDemoData } from './seed/demo-data';

const LISTEN_BACKLOG = 4096;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface RunningServer {
  url: string;
  server: Server;
  database: Database;
  runtime: Runtime;
  stop(): Promise<void>;
}

export async function startServer(
  config: Config,
  logger: Logger,
  options: { dbName?: string } = {},
): Promise<RunningServer> {
  const database = await connectDatabase({
    uri: config.MONGODB_URI,
    dbName: options.dbName,
    logger,
    timeoutMs: config.MONGODB_TIMEOUT_MS,
  });
  const runtime = await createRuntime(config, logger);
  connectModules();
  if (config.SEED_DEMO_DATA) await seedDemoData({ cipher: runtime.cipher, logger });
  const repaired = await completeInterruptedApprovals(new Date(Date.now() - 7 * 86_400_000));
  if (repaired > 0) logger.warn({ repaired }, 'completed join approvals interrupted by a crash');
  const backfilled = await runDataMigrationOnce('2026-12 station visit fields', backfillStationVisitFields);
  if (backfilled) logger.info(backfilled, 'filled station visit fields added later');
  const stationSearch = await startStationSearch(config, logger);
  registerStationIndexMetrics(runtime.metrics.registry, stationSearch);
  registerPaymentMetrics(runtime.metrics.registry);
  const settledBatches = await recoverStuckDisbursements(runtime, new Date());
  if (settledBatches > 0) logger.warn({ settledBatches }, 'settled aid disbursement batches interrupted by a crash');
  const aidNoticeSweep = startAidNoticeSweep(runtime);
  const offerSearch = await startOfferSearch(config, logger);
  const paymentJobs = startPaymentJobs(runtime);
  const activityJobs = startActivityJobs(runtime);
  const quizJobs = startQuizJobs(runtime);
  const figureJobs = startFigureJobs(runtime);
  const holdSweep = startHoldSweep(runtime);
  const approvalRepair = startApprovalRepair(runtime);
  const stationImports = startStationImports({
    files: runtime.files,
    logger,
    pollMs: config.STATION_IMPORT_POLL_MS,
    leaseMs: config.STATION_IMPORT_LEASE_MS,
  });
  const koa = createApp(createAppContext(runtime));
  // A backlog above Node's 511, so a burst of new connections (a sign-up opening, a proxy
  // warming its pool) waits in the kernel's queue instead of being dropped.
  const server = koa.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG });
  // Idle keep-alive sockets stay open longer than a proxy's (nginx and most load balancers
  // keep upstream connections 60 s): whoever closes an idle connection first must be the
  // client, or a request it sends at that moment meets a closed socket (ECONNRESET, a 502).
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  answerClientErrors(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;

  let stopping: Promise<void> | null = null;
  const stop = () => {
    // Stop accepting, let in-flight requests finish (idle keep-alive sockets are closed), then close the database.
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A keep-alive socket whose request finishes during shutdown becomes idle only then:
      // keep closing idle sockets so the server closes once the last answer is sent, not at
      // the forced close 10 s later.
      server.closeIdleConnections();
      const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
      const forceAfter = setTimeout(() => server.closeAllConnections(), 10_000);
      await closed;
      clearInterval(closeIdle);
      clearTimeout(forceAfter);
      await stationImports.stop();
      await stationSearch.stop();
      await aidNoticeSweep.stop();
      await offerSearch.stop();
      await paymentJobs.stop();
      await activityJobs.stop();
      await quizJobs.stop();
      await figureJobs.stop();
      await holdSweep.stop();
      await approvalRepair.stop();
      await runtime.close();
      await database.close();
    })();
    return stopping;
  };
  return { url, server, database, runtime, stop };
}
