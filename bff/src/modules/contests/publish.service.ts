/**
 * The organiser's results: a preview computed from the live sheets at a scores revision, and
 * publishing exactly once. Publish applies only while the revision the preview was computed at
 * still stands and no correction is open (sheets.service), so a correction racing a publish
 * has one outcome; a second publish answers with the first publication and tells no one again.
 * Every entrant is told in 消息; a failed message never fails the publish.
 */
import type { Publication, ResultsPreview } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { ConflictError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { recordEvent } from '../event-trail/record';
import { markFigureChanged } from '../figures/counters';
import { entrantsOf } from '../activities/member-accounts';
import type { NotifyApp } from '../activities/notify';
import { notify } from '../notifications/notify';
import { ContestModel, correctionsBusy, noCorrectionBusy, type ContestDoc } from './contest.model';
import { managedSetUpContest } from './contest-access';
import { ENTRANT_STATUSES } from './entrants';
import { publishedGroups, snapshotOf } from './publication';
import { contestStandings, loadContestData, roundStateOf, type ContestData } from './standings';

function blockersOf(data: ContestData, now: Date): string[] {
  const blockers = data.setup.rounds
    .filter((round) => roundStateOf(data.contest, round.id)?.status !== 'closed')
    .map((round) => `${round.name} 尚未结束`);
  if (correctionsBusy(data.contest, now)) blockers.push('有评分正在更正，请稍后重新预览');
  return blockers;
}

const roundList = (data: ContestData) =>
  data.setup.rounds.map((round) => ({
    id: round.id,
    name: round.name,
    status: roundStateOf(data.contest, round.id)?.status ?? 'pending',
    unit: round.scoring.kind === 'measure' ? round.scoring.unit : null,
  }));

const publicationOf = (contest: ContestDoc) =>
  contest.publication
    ? { number: contest.publication.number!, publishedAt: contest.publication.publishedAt!.toISOString() }
    : null;

export async function resultsPreview(actor: Actor, activityId: string, now: Date): Promise<ResultsPreview> {
  const { activity, contest } = await managedSetUpContest(actor, activityId);
  // The revision is read before the sheets, so a correction in between makes publish refuse.
  const data = await loadContestData(activity, contest);
  const blockers = blockersOf(data, now);
  return {
    scoresRevision: contest.scoresRevision,
    publishable: blockers.length === 0 && !contest.publication,
    blockers,
    publication: publicationOf(contest),
    rounds: roundList(data),
    groups: contestStandings(data).map((group) => ({
      groupId: group.groupId,
      groupName: group.groupName,
      rows: group.rows.map((row) => ({
        entrantId: row.entrantId,
        rank: row.rank,
        award: row.award,
        total: row.total,
        reachedRoundId: row.reachedRoundId,
        bib: row.entrant.bib,
        name: row.entrant.name,
        rounds: row.rounds.map((round) => ({
          roundId: round.roundId,
          score: round.score,
          absent: round.absent,
          incomplete: round.incomplete,
          trimmed: round.trimmed,
          advanced: round.advanced,
        })),
        judges: row.rounds.map((round) => ({
          roundId: round.roundId,
          scores: round.sheets.map(({ judge, sheet }) => ({
            judgeId: String(judge._id),
            judgeName: judge.displayName,
            total: sheet?.status === 'submitted' ? (sheet.total ?? null) : null,
            items: sheet?.status === 'submitted' ? ((sheet.items ?? {}) as Record<string, number | null>) : {},
            corrected: (sheet?.corrections.length ?? 0) > 0,
          })),
        })),
      })),
    })),
  };
}

const presentPublication = (contest: ContestDoc): Publication => ({
  number: contest.publication!.number!,
  publishedAt: contest.publication!.publishedAt!.toISOString(),
  scoresRevision: contest.publication!.scoresRevision!,
  notified: contest.publication!.notified ?? 0,
});

const scoresChanged = () => ConflictError('预览后成绩有更正，请重新预览后再发布', 'scores_changed');

export async function publishResults(
  app: NotifyApp,
  actor: Actor,
  activityId: string,
  scoresRevision: number,
  now: Date,
): Promise<Publication> {
  const { activity, contest } = await managedSetUpContest(actor, activityId);
  if (contest.publication) return presentPublication(contest);
  if (contest.scoresRevision !== scoresRevision || correctionsBusy(contest, now)) throw scoresChanged();
  const data = await loadContestData(activity, contest);
  const blockers = blockersOf(data, now);
  if (blockers.length > 0) throw ConflictError(`还不能发布：${blockers.join('；')}`, 'results_not_ready');
  const groups = snapshotOf(contestStandings(data));

  const won = await updateIf(
    ContestModel,
    { key: { _id: contest._id }, when: { publication: null, scoresRevision, ...noCorrectionBusy(now) } },
    {
      $set: {
        publication: { number: 1, publishedAt: now, scoresRevision, notified: 0, publishedBy: actor.accountId, groups },
      },
      $inc: { version: 1 },
    },
  );
  const current = (await ContestModel.findById(contest._id).lean<ContestDoc>())!;
  if (!won) {
    // A parallel publish won: answer with its publication (it does the telling).
    if (current.publication) return presentPublication(current);
    throw scoresChanged();
  }
  // The awards count from now (contests.awards); before the telling, which may take a while.
  await markFigureChanged('contests.awards', { orgId: activity.orgId, orgPath: activity.orgPath, at: now });
  const notified = await tellEntrants(app, current, activity.title);
  await ContestModel.updateOne({ _id: contest._id }, { $set: { 'publication.notified': notified } });
  await recordEvent({
    kind: 'contest.results_published',
    actor: { kind: 'union_staff', accountId: actor.accountId, label: '工会工作人员' },
    at: now,
    summary: `公布竞赛成绩：${activity.title}`,
    detail: { activityId: String(activity._id), scoresRevision, notified },
  });
  return { ...presentPublication(current), notified };
}

/** One message per entrant's account (team members included); failures are logged and skipped. */
async function tellEntrants(app: NotifyApp, contest: ContestDoc, title: string): Promise<number> {
  const rows = new Map(
    publishedGroups(contest).flatMap((group) => group.rows.map((row) => [row.entrantId, { group, row }] as const)),
  );
  const people = await entrantsOf(contest.activityId, ENTRANT_STATUSES);
  const told = new Set<string>();
  for (const person of people) {
    const found = rows.get(String(person.entryId));
    if (!person.accountId || !found || told.has(String(person.accountId))) continue;
    const { group, row } = found;
    const standing = [row.rank !== null ? `第${row.rank}名` : '未排名', row.award].filter(Boolean).join('，');
    try {
      await notify(app, {
        accountId: person.accountId,
        kind: 'activity_status',
        title,
        body: `成绩已公布：${group.groupName} ${standing}`,
        link: `/pages-contests/results/index?id=${String(contest.activityId)}`,
      });
      told.add(String(person.accountId));
    } catch (error) {
      app.logger.warn(
        { err: error, activityId: String(contest.activityId) },
        'contest result notification not recorded',
      );
    }
  }
  return told.size;
}
