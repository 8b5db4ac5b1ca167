/**
 * Programme statistics over the applications in the caller's subtree (everything,
 * for the office running the programme). Counts and sums are $group/$sum in the
 * database; the average days per step come from the timelines, computed here
 * because the embedded database has no $avg.
 */
import { DAY_MS, type AidStatsSchema, type OrgLevel } from '@union/shared';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { AidApplicationModel } from '../aid/aid-application.model';
import type { AidTimelineDoc } from '../aid/aid-timeline.model';
import { officeOrgIds } from '../aid/policy';
import { timelinesOf } from '../aid/timeline';
import type { AidReviewDeps } from './events';
import { settleElapsedNotices } from './notice.service';
import { programmeForStaff } from './policy';

type AidStats = z.infer<typeof AidStatsSchema>;

async function countBy(match: Record<string, unknown>, field: string): Promise<Record<string, number>> {
  const rows = await AidApplicationModel.aggregate<{ _id: string | null; count: number }>([
    { $match: match },
    { $group: { _id: `$${field}`, count: { $sum: 1 } } },
  ]);
  return Object.fromEntries(
    rows.filter((row) => row._id !== null && row._id !== undefined).map((row) => [row._id, row.count]),
  );
}

async function sumFen(match: Record<string, unknown>): Promise<number> {
  const rows = await AidApplicationModel.aggregate<{ total: number }>([
    { $match: match },
    { $group: { _id: null, total: { $sum: '$amountFen' } } },
  ]);
  return rows[0]?.total ?? 0;
}

/** One stay at a review step: which step, how long, and when it was left. */
export interface StepDuration {
  step: number;
  ms: number;
  closedAt: Date;
}

/** The timeline actions that leave a step (see stepDurations). */
export const STEP_CLOSING_ACTIONS = ['approved_step', 'returned', 'rejected', 'withdrawn'] as const;

/**
 * Time spent at each step: from entering it (submitted, resubmitted, or the previous
 * step approved) to leaving it (approved, returned or rejected there, or withdrawn).
 * Time with the applicant after a return is not the reviewers' and is not counted.
 */
export function stepDurations(timeline: AidTimelineDoc[], chainLength: number): StepDuration[] {
  const durations: StepDuration[] = [];
  // Held in an object so the closure's updates are visible to the type checker.
  const current: { open: { step: number; at: Date } | null } = { open: null };
  let returnedStep: number | null = null;
  const close = (at: Date) => {
    const { open } = current;
    if (open) durations.push({ step: open.step, ms: at.getTime() - open.at.getTime(), closedAt: at });
    current.open = null;
  };
  for (const entry of timeline) {
    switch (entry.action) {
      case 'submitted':
        current.open = { step: entry.step ?? 0, at: entry.at };
        break;
      case 'resubmitted':
        current.open = { step: entry.step ?? returnedStep ?? 0, at: entry.at };
        break;
      case 'approved_step': {
        const step = entry.step ?? current.open?.step ?? 0;
        close(entry.at);
        if (step + 1 < chainLength) current.open = { step: step + 1, at: entry.at };
        break;
      }
      case 'returned':
        returnedStep = entry.step ?? current.open?.step ?? null;
        close(entry.at);
        break;
      case 'rejected':
      case 'withdrawn':
        close(entry.at);
        break;
    }
  }
  return durations;
}

export async function programmeStats(
  deps: AidReviewDeps,
  actor: Actor,
  programmeId: string,
  now: Date,
): Promise<AidStats> {
  const programme = await programmeForStaff(actor, programmeId);
  await settleElapsedNotices(deps, now, { programmeId: programme._id });
  const inScope = { programmeId: programme._id, orgPath: { $in: officeOrgIds(actor) } };
  const submitted = { ...inScope, submittedAt: { $ne: null } };

  const ids = (await AidApplicationModel.find(submitted, { _id: 1 }).lean()).map((application) => application._id);
  const timelines = await timelinesOf(ids);
  const totals = programme.reviewChain.map(() => ({ ms: 0, count: 0 }));
  for (const timeline of timelines.values()) {
    for (const { step, ms } of stepDurations(timeline, programme.reviewChain.length)) {
      const total = totals[step];
      if (!total) continue;
      total.ms += ms;
      total.count += 1;
    }
  }

  return {
    byStatus: await countBy(inScope, 'status'),
    byEducationLevel: await countBy(submitted, 'child.educationLevel'),
    byHardshipCategory: await countBy(submitted, 'household.hardshipCategory'),
    approvedFen: await sumFen({ ...inScope, status: { $in: ['approved', 'disbursed'] } }),
    disbursedFen: await sumFen({ ...inScope, status: 'disbursed' }),
    averageDaysPerStep: programme.reviewChain.map((level, step) => ({
      step,
      level: level as OrgLevel,
      days: totals[step]!.count > 0 ? Math.round((totals[step]!.ms / totals[step]!.count / DAY_MS) * 100) / 100 : null,
    })),
  };
}
