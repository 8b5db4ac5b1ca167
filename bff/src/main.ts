import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { signStationCode } from './modules/station-visits/station-code';
import { StationModel } from './modules/stations/station.model';
import { demoBanner } from './seed/demo-banner';
import { DEMO_STATION } from './seed/demo-stations';
import { startServer } from './server';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const running = await startServer(config, logger);
  logger.info(
    {
      url: running.url,
      embeddedDatabase: running.database.embedded,
      wechatEmulator: running.runtime.wechatEmulator?.url,
    },
    'BFF listening',
  );
  if (config.SEED_DEMO_DATA) {
    const station = await StationModel.findOne({ name: DEMO_STATION.name }, { _id: 1 }).lean();
    const demoStation = station
      ? { name: DEMO_STATION.name, checkInCode: signStationCode(config.STATION_CODE_SECRET, String(station._id)) }
      : undefined;
    const h5 = Boolean(config.H5_DIST_DIR);
    const simulatedPayments = running.runtime.wechatPay?.simulated ?? false;
    const embeddedDatabase = running.database.embedded;
    console.log(demoBanner(running.url, { h5, embeddedDatabase, demoStation, simulatedPayments }));
  }
  // Machine-readable line for scripts that start the BFF and wait for it.
  console.log(`BFF_READY ${running.url}`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
