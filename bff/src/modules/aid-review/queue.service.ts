/**
 * The review queue: a programme's applications in the caller's subtree, oldest
 * submission first. "In review" lists only those whose current step is the caller's
 * own to decide; other statuses list everything the caller may see.
 */
import { Types } from 'mongoose';
import { ORG_LEVELS, UNION_OFFICE_ROLES, type AidQueueQuerySchema, type OrgLevel } from '@union/shared';
import type { z } from 'zod';
import { NotFoundError } from '../../http/errors';
import { holdsRoleOver, type Actor } from '../auth/actor';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import type { AidProgrammeDoc } from '../aid/aid-programme.model';
import { officeOrgIds } from '../aid/policy';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';
import { findOrganization } from '../organizations/service';
import type { AidReviewDeps } from './events';
import { settleElapsedNotices } from './notice.service';
import { aidReviewPolicy, loadOrgs, programmeForStaff, stepOrg } from './policy';

type QueueQuery = z.output<typeof AidQueueQuerySchema>;

/** How many candidates to read at a time while skipping those another level must decide. */
const CHUNK = 100;

/** `<submittedAt ms>.<id>`: a stable position in "oldest first" while new applications arrive. */
function decodeCursor(cursor: string | undefined): { at: Date; id: Types.ObjectId } | null {
  const match = /^(\d+)\.([0-9a-f]{24})$/.exec(cursor ?? '');
  return match ? { at: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) } : null;
}
const encodeCursor = (application: AidApplicationDoc) =>
  `${application.submittedAt!.getTime()}.${String(application._id)}`;

const after = (position: { at: Date; id: Types.ObjectId } | null) =>
  position
    ? { $or: [{ submittedAt: { $gt: position.at } }, { submittedAt: position.at, _id: { $gt: position.id } }] }
    : {};

type QueueFilterQuery = Pick<QueueQuery, 'status' | 'orgId' | 'educationLevel' | 'hardshipCategory' | 'step'>;

/**
 * What the queue lists, in two parts: the database filter, and for "in review" the check that
 * keeps an application only when its current step is the caller's own to decide. The queue and
 * the workbench's count both use it, so they cannot disagree.
 */
export async function aidQueueFilter(actor: Actor, programme: AidProgrammeDoc, query: QueueFilterQuery) {
  const scope = officeOrgIds(actor);
  const filter: Record<string, unknown> = {
    programmeId: programme._id,
    status: query.status,
    orgPath: { $in: scope },
    // Drafts withdrawn before submission were never the union's to see.
    submittedAt: { $ne: null },
  };
  if (query.orgId) {
    const org = await findOrganization(query.orgId);
    if (!org || !holdsRoleOver(actor, UNION_OFFICE_ROLES, org.path)) throw NotFoundError('组织不存在');
    filter.orgPath = org._id;
  }
  if (query.educationLevel) filter['child.educationLevel'] = query.educationLevel;
  if (query.hardshipCategory) filter['household.hardshipCategory'] = query.hardshipCategory;
  // A returned application keeps the step it resumes at, so the step filters other statuses too.
  if (query.step !== undefined) filter.currentStep = query.step;

  if (query.status !== 'in_review') {
    return { filter, keep: async (chunk: AidApplicationDoc[]) => chunk };
  }
  // A reviewer at level L decides steps at L, or deeper ones the applicant's path skips.
  const grantOrgs = await OrganizationModel.find({ _id: { $in: scope } }, { level: 1 }).lean<OrganizationDoc[]>();
  const highest = Math.min(...grantOrgs.map((org) => ORG_LEVELS.indexOf(org.level as OrgLevel)));
  const steps = programme.reviewChain.flatMap((level, step) =>
    ORG_LEVELS.indexOf(level as OrgLevel) >= highest && (query.step === undefined || step === query.step) ? [step] : [],
  );
  filter.currentStep = { $in: steps };
  const keep = async (chunk: AidApplicationDoc[]) => {
    const orgs = await loadOrgs(chunk.map((application) => application.orgPath));
    return chunk.filter((application) => {
      const reviewer = stepOrg(application, programme, orgs);
      return reviewer !== null && aidReviewPolicy.can(actor, 'decideFor', reviewer);
    });
  };
  return { filter, keep };
}

/** The filtered applications in queue order (oldest submission first), read a chunk at a time from `position`. */
async function* queueOrder(
  { filter, keep }: Awaited<ReturnType<typeof aidQueueFilter>>,
  from: { at: Date; id: Types.ObjectId } | null,
): AsyncGenerator<AidApplicationDoc> {
  let position = from;
  for (;;) {
    const chunk = await AidApplicationModel.find({ ...filter, ...after(position) })
      .sort({ submittedAt: 1, _id: 1 })
      .limit(CHUNK)
      .lean<AidApplicationDoc[]>();
    yield* await keep(chunk);
    if (chunk.length < CHUNK) return;
    const last = chunk[chunk.length - 1]!;
    position = { at: last.submittedAt!, id: last._id };
  }
}

export async function reviewQueue(deps: AidReviewDeps, actor: Actor, query: QueueQuery, now: Date) {
  const programme = await programmeForStaff(actor, query.programmeId);
  await settleElapsedNotices(deps, now, { programmeId: programme._id });
  // A member's unfinished draft is theirs alone.
  if (query.status === 'draft') return { items: [], nextCursor: null };

  const page: AidApplicationDoc[] = [];
  for await (const application of queueOrder(
    await aidQueueFilter(actor, programme, query),
    decodeCursor(query.cursor),
  )) {
    page.push(application);
    if (page.length > query.limit) break;
  }
  const items = page.slice(0, query.limit);
  return { items, nextCursor: page.length > query.limit ? encodeCursor(items[items.length - 1]!) : null };
}

/**
 * The workbench's to-dos for one programme, one per review step the caller decides: what the
 * queue lists in review for them at that step (its `step` filter: the same filter, narrowed to
 * that currentStep), and when the first was submitted; steps in chain order, none without an
 * application. Elapsed notices, which the queue settles first, only ever leave "in notice", so
 * they change nothing here.
 */
export async function awaitingOwnSteps(
  actor: Actor,
  programme: AidProgrammeDoc,
): Promise<Map<number, { count: number; oldestAt: Date | null }>> {
  const bySteps = new Map<number, { count: number; oldestAt: Date | null }>();
  for await (const application of queueOrder(await aidQueueFilter(actor, programme, { status: 'in_review' }), null)) {
    // In review always has a step (the filter asks for one of the caller's).
    if (application.currentStep === null || application.currentStep === undefined) continue;
    // Oldest submission first: the first seen at a step is its oldest.
    const tally = bySteps.get(application.currentStep) ?? { count: 0, oldestAt: application.submittedAt ?? null };
    tally.count += 1;
    bySteps.set(application.currentStep, tally);
  }
  return new Map([...bySteps].sort(([a], [b]) => a - b));
}
