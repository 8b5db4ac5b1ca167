/**
 * Entry point of `pnpm figures:rebuild` (see modules/figures/rebuild-command.ts). Runs against
 * the database in MONGODB_URI: the embedded default lives inside a running BFF and dies with
 * it, and its demo seed already rebuilds every counter.
 */
import { connectModules } from './connect-modules';
import { connectDatabase } from './db/connect';
import { createLogger } from './logger';
import { describeRange, parseRebuildArgs, REBUILD_USAGE, runRebuild } from './modules/figures/rebuild-command';

async function main(): Promise<number> {
  connectModules();
  const now = new Date();
  const parsed = parseRebuildArgs(process.argv.slice(2), now);
  if ('problems' in parsed) {
    console.error([...parsed.problems, '', REBUILD_USAGE].join('\n'));
    return 64;
  }
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.error(`未设置 MONGODB_URI：重算需要连接存放业务数据的 MongoDB。\n\n${REBUILD_USAGE}`);
    return 78;
  }
  const database = await connectDatabase({ uri, logger: createLogger('warn') });
  try {
    const { plan } = parsed;
    const outcome = await runRebuild(plan, now);
    console.log(
      `已重算 ${outcome.metrics} 个指标（${describeRange(plan)}），写入 ${outcome.buckets} 个“组织 × 日”计数，` +
        `最近两天另有 ${outcome.markedForSettler} 个交由运行中的服务核对。`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
