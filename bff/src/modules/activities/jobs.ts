/**
 * The activities' background job: expires offered places whose deadline passed (each goes to
 * the next waiting entry), gives back the places of sign-ups cut off before their entry was
 * written (places.ts holds), fills free places left beside a waitlist by a race, asks the refunds
 * of paid entries ended without one (entry-payment.ts `refundOwedAt`), finishes lottery
 * draws whose process died midway, closes activities whose last session has ended, and reminds
 * entrants the day before each session (reminders.ts). Every step is a conditional change, so it
 * may run beside the routes; one instance at a time runs it (jobs/leased-job.ts).
 */
import type { IntervalJobHandle } from '../../interval-job';
import { startLeasedJob } from '../../jobs/leased-job';
import type { Types } from 'mongoose';
import type { Runtime } from '../../runtime';
import type { PaymentApp } from '../payments/settings';
import { ActivityModel } from './activity.model';
import { closeEndedActivities } from './closing';
import { markEndedSessions } from './figure-marks';
import { settleOwedRefunds, sweepUnpaidEntries } from './entry-payment';
import { resumeStalledDraws } from './lottery.service';
import type { NotifyApp } from './notify';
import { sweepPlaces, type SweepResult } from './places';
import { sendSessionReminders } from './reminders';
import { lockClosedTeams } from './team.service';

export type ActivityJobsHandle = IntervalJobHandle;

const SWEEP_INTERVAL_MS = 60_000;
const ENDED_LOOKBACK_INTERVALS = 5;

export function sweepActivities(now: Date): Promise<SweepResult> {
  const holdHours = new Map<string, number>();
  return sweepPlaces(now, async (activityId: Types.ObjectId) => {
    const known = holdHours.get(String(activityId));
    if (known !== undefined) return known;
    const activity = await ActivityModel.findById(activityId, { offerHoldHours: 1 }).lean();
    const hours = activity?.offerHoldHours ?? 12;
    holdHours.set(String(activityId), hours);
    return hours;
  });
}

export function startActivityJobs(
  runtime: PaymentApp & NotifyApp & Pick<Runtime, 'metrics'>,
  intervalMs = SWEEP_INTERVAL_MS,
): ActivityJobsHandle {
  const sweep = () => {
    const now = new Date();
    // Teams first: a team cancelled at close frees its place before the sweep fills free places.
    return (
      lockClosedTeams(now)
        // A draw whose process died midway, finished before its waitlist is swept (lottery.service.ts).
        .then(() => resumeStalledDraws(runtime, now))
        .then(() => sweepActivities(now))
        // Paid entries left unpaid past their deadline (entry-payment.ts).
        .then(() => sweepUnpaidEntries(runtime, now))
        // Refunds a cut-off cancel (or WeChat Pay down then) left unasked (entry-payment.ts).
        .then(() => settleOwedRefunds(runtime, now))
        // Ended activities: entries become 已完成 or 缺席 (closing.ts).
        .then(() => closeEndedActivities(now))
        // Last, so an entry the steps above ended is not reminded (reminders.ts).
        .then(() => sendSessionReminders(runtime, now))
        // Sessions just ended start to count in 签到率 (figure-marks.ts); a few intervals back, so a late run misses none.
        .then(() => markEndedSessions(new Date(now.getTime() - ENDED_LOOKBACK_INTERVALS * intervalMs), now))
    );
  };
  return startLeasedJob('activity sweep', runtime.logger, intervalMs, sweep, { observe: runtime.metrics.observeJob });
}
