/**
 * `pnpm figures:rebuild`: recomputes the figure counters from the source collections, for a
 * range of China days (default: everything up to today) and some or all metrics. For repairs
 * and for counters of metrics added after their records: the service's own jobs only heal the
 * last two days. It writes directly; a write the running service settles meanwhile is healed by
 * the reconcile pass it runs at the end (the last two days, marked for the service's settler).
 */
import { z } from 'zod';
import { chinaDateOf, chinaDayRange } from '@union/shared';
import { rebuildFigureCounters, reconcileRecentFigures } from './counters';
import { figureMetrics } from './metrics';

export const REBUILD_USAGE = `用法：MONGODB_URI=mongodb://… pnpm figures:rebuild [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--metric 指标名]…
  --from    从这一天（北京时间）开始重算，默认从最早的记录开始
  --to      重算到这一天（含），默认今天
  --metric  只重算这个指标，可重复；默认全部`;

const day = z.iso.date('日期格式应为 YYYY-MM-DD');
const RebuildArgsSchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    metric: z.array(z.string()).default([]),
  })
  .refine((args) => !args.from || !args.to || args.from <= args.to, {
    path: ['to'],
    message: '结束日期不能早于开始日期',
  });

export interface RebuildPlan {
  range: { from: Date; to: Date };
  metrics: string[];
}

/** Reads the command line; answers the plan, or the problems as lines a cadre's IT staff can read. */
export function parseRebuildArgs(argv: string[], now: Date): { plan: RebuildPlan } | { problems: string[] } {
  const raw: { from?: string; to?: string; metric: string[] } = { metric: [] };
  const problems: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    const value = argv[index + 1];
    const hasValue = value !== undefined && !value.startsWith('--');
    if (flag === '--') continue; // what `pnpm run x -- …` may pass through
    if (!['--from', '--to', '--metric'].includes(flag)) {
      problems.push(`不认识的参数：${flag}`);
      if (hasValue) index += 1;
      continue;
    }
    if (!hasValue) {
      problems.push(`${flag} 后面缺少取值`);
      continue;
    }
    index += 1;
    if (flag === '--metric') raw.metric.push(value);
    else raw[flag === '--from' ? 'from' : 'to'] = value;
  }
  const parsed = RebuildArgsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`--${String(issue.path[0] ?? '')}：${issue.message}`);
  }
  const known = new Set(figureMetrics().map((metric) => metric.name));
  for (const name of raw.metric) if (!known.has(name)) problems.push(`--metric：没有名为 ${name} 的指标`);
  if (problems.length > 0 || !parsed.success) return { problems };

  const { from, to, metric } = parsed.data;
  return {
    plan: {
      range: {
        from: from ? chinaDayRange(from).start : new Date(0),
        to: chinaDayRange(to ?? chinaDateOf(now)).end,
      },
      metrics: metric.length > 0 ? metric : [...known],
    },
  };
}

export interface RebuildOutcome {
  metrics: number;
  buckets: number;
  markedForSettler: number;
}

export async function runRebuild(plan: RebuildPlan, now: Date): Promise<RebuildOutcome> {
  const wanted = new Set(plan.metrics);
  const metrics = figureMetrics().filter((metric) => wanted.has(metric.name));
  const { buckets } = await rebuildFigureCounters(plan.range, metrics);
  const { marked } = await reconcileRecentFigures(now);
  return { metrics: metrics.length, buckets, markedForSettler: marked };
}

/** “2025-01-01 至 2025-12-31”: the China days a plan covers, for the summary line. */
export function describeRange({ range }: RebuildPlan): string {
  const from = range.from.getTime() === 0 ? '最早的记录' : chinaDateOf(range.from);
  return `${from} 至 ${chinaDateOf(range.to.getTime() - 1)}`;
}
