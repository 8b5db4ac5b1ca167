/**
 * Members and the public: published results (names masked unless the entrant allowed the full
 * name; team names as they are; the caller's own row marked), consent, 我的活动's results, the
 * certificate image for an awardee, and certificate verification (valid only for the published
 * result the code was issued for).
 */
import { Types } from 'mongoose';
import {
  chinaDateOf,
  maskName,
  type CertificateVerification,
  type ContestSetupInput,
  type MyContestResult,
  type PublishedResults,
} from '@union/shared';
import type { FieldCipher } from '../../crypto/field-encryption';
import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { ActivityModel, type ActivityDoc } from '../activities/activity.model';
import { EntryModel } from '../activities/entry.model';
import { activityPolicy } from '../activities/policy';
import { TeamMemberModel } from '../activities/team.model';
import { organizationNames } from '../organizations/service';
import { readCertificateCode, signCertificateCode } from './certificate-code';
import { renderCertificatePng, type CertificateContent } from './certificate-image';
import { ContestConsentModel, ContestModel, type ContestDoc } from './contest.model';
import { contestMissing } from './contest-access';
import { contestEntrants, ENTRANT_STATUSES, isEntrantMember } from './entrants';
import { publishedGroups, publishedRow, takesPartAs, type PublishedRow } from './publication';
import { roundStateOf } from './standings';

async function contestForMember(
  actor: Actor,
  activityId: string,
): Promise<{ activity: ActivityDoc; contest: ContestDoc | null }> {
  const activity = await ActivityModel.findById(activityId).lean<ActivityDoc>();
  if (!activity || activity.kind !== 'skill_contest') throw contestMissing();
  activityPolicy.authorize(actor, 'viewAsMember', activity);
  return { activity, contest: await ContestModel.findOne({ activityId: activity._id }).lean<ContestDoc>() };
}

async function consentsOf(activityId: Types.ObjectId): Promise<Map<string, boolean>> {
  const consents = await ContestConsentModel.find({ activityId }, { memberId: 1, showFullName: 1 }).lean();
  return new Map(consents.map((consent) => [String(consent.memberId), consent.showFullName]));
}

/** What others see of an entrant's name: a team's name as it is, a person's masked unless they allowed it. */
const shownName = (row: PublishedRow, consents: Map<string, boolean>) =>
  row.isTeam || consents.get(row.memberId) ? row.name : maskName(row.name);

export async function publishedResults(actor: Actor, activityId: string): Promise<PublishedResults> {
  const { activity, contest } = await contestForMember(actor, activityId);
  const setup = (contest?.setup ?? null) as ContestSetupInput | null;
  const consents = await consentsOf(activity._id);
  const entrants = await contestEntrants(activity);
  const isEntrant = entrants.some((entrant) => !entrant.isTeam && isEntrantMember(entrant, actor.memberId));
  return {
    activityId: String(activity._id),
    title: activity.title,
    published: Boolean(contest?.publication),
    publishedAt: contest?.publication?.publishedAt?.toISOString() ?? null,
    rounds: (setup?.rounds ?? []).map((round) => ({
      id: round.id,
      name: round.name,
      status: (contest && roundStateOf(contest, round.id)?.status) || 'pending',
      unit: round.scoring.kind === 'measure' ? round.scoring.unit : null,
    })),
    groups: contest?.publication
      ? publishedGroups(contest).map((group) => ({
          groupId: group.groupId,
          groupName: group.groupName,
          rows: group.rows.map((row) => ({
            rank: row.rank,
            displayName: shownName(row, consents),
            isTeam: row.isTeam,
            award: row.award,
            total: row.total,
            rounds: row.rounds,
            isMine: takesPartAs(row, actor.memberId),
          })),
        }))
      : [],
    myConsent: isEntrant ? { showFullName: consents.get(actor.memberId!) ?? false } : null,
  };
}

export async function saveConsent(
  actor: Actor,
  activityId: string,
  showFullName: boolean,
  now: Date,
): Promise<{ showFullName: boolean }> {
  const { activity } = await contestForMember(actor, activityId);
  const entrants = await contestEntrants(activity);
  // Only an individual entrant's own name is theirs to show; team names are shown anyway.
  if (!actor.memberId || !entrants.some((entrant) => !entrant.isTeam && entrant.memberId === actor.memberId)) {
    throw NotFoundError('您没有参加这个竞赛');
  }
  await ContestConsentModel.updateOne(
    { activityId: activity._id, memberId: new Types.ObjectId(actor.memberId) },
    { $set: { showFullName, updatedAt: now } },
    { upsert: true },
  );
  return { showFullName };
}

/** The activities the member takes part in: their own entries and the teams they belong to. */
async function memberActivityIds(memberId: string): Promise<Types.ObjectId[]> {
  const [entries, teammates] = await Promise.all([
    EntryModel.find({ memberId, status: { $in: ENTRANT_STATUSES } }, { activityId: 1 }).lean(),
    TeamMemberModel.find({ memberId, liveKey: { $exists: true } }, { activityId: 1 }).lean(),
  ]);
  const ids = new Map([...entries, ...teammates].map((doc) => [String(doc.activityId), doc.activityId]));
  return [...ids.values()];
}

export async function myContestResults(actor: Actor): Promise<{ items: MyContestResult[] }> {
  if (!actor.memberId) return { items: [] };
  const contests = await ContestModel.find({
    activityId: { $in: await memberActivityIds(actor.memberId) },
    publication: { $ne: null },
  }).lean<ContestDoc[]>();
  const titles = new Map(
    (
      await ActivityModel.find({ _id: { $in: contests.map((contest) => contest.activityId) } }, { title: 1 }).lean()
    ).map((activity) => [String(activity._id), activity.title]),
  );
  const items: MyContestResult[] = [];
  for (const contest of contests) {
    for (const group of publishedGroups(contest)) {
      for (const row of group.rows.filter((candidate) => takesPartAs(candidate, actor.memberId))) {
        items.push({
          activityId: String(contest.activityId),
          title: titles.get(String(contest.activityId)) ?? '',
          groupName: group.groupName,
          displayName: row.name,
          rank: row.rank,
          award: row.award,
          publishedAt: contest.publication!.publishedAt!.toISOString(),
          certificateAvailable: row.award !== null,
        });
      }
    }
  }
  return { items: items.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)) };
}

const chinaLongDate = (instant: Date) => {
  const [year, month, day] = chinaDateOf(instant).split('-').map(Number);
  return `${year}年${month}月${day}日`;
};

export const certificateLink = (baseUrl: string, code: string) => `${baseUrl}/c/${code}`;

/** The awardee's certificate as PNG bytes: only their own award, only once published. */
export async function myCertificate(
  actor: Actor,
  cipher: FieldCipher,
  activityId: string,
  baseUrl: string,
  fontFile: string | undefined,
): Promise<Buffer> {
  const { activity, contest } = await contestForMember(actor, activityId);
  const noCertificate = () => NotFoundError('暂无证书：成绩未公布或您未获奖');
  if (!contest?.publication) throw noCertificate();
  const mine = publishedGroups(contest)
    .flatMap((group) => group.rows.map((row) => ({ group, row })))
    .find(({ row }) => row.award !== null && takesPartAs(row, actor.memberId));
  if (!mine) throw noCertificate();
  const code = signCertificateCode(cipher, {
    activityId: String(activity._id),
    entryId: mine.row.entrantId,
    publication: contest.publication.number!,
  });
  const orgNames = await organizationNames([activity.orgId]);
  const content: CertificateContent = {
    unionName: orgNames.get(String(activity.orgId)) ?? '',
    contestTitle: activity.title,
    groupName: mine.group.groupName,
    award: mine.row.award!,
    holderName: mine.row.name,
    issuedOn: chinaLongDate(contest.publication.publishedAt!),
    verifyUrl: certificateLink(baseUrl, code),
    certificateNo: `${String(activity._id).slice(-6)}-${mine.row.entrantId.slice(-8)}`.toUpperCase(),
  };
  return renderCertificatePng(content, { fontFile });
}

const invalidCertificate = () => NotFoundError('证书无效或成绩未公布');

/** Valid only for a genuine code of a published result that still holds that award. */
export async function verifyCertificate(cipher: FieldCipher, code: string): Promise<CertificateVerification> {
  const payload = readCertificateCode(cipher, code);
  if (!payload) throw invalidCertificate();
  const contest = await ContestModel.findOne({ activityId: payload.activityId }).lean<ContestDoc>();
  if (!contest?.publication || contest.publication.number !== payload.publication) throw invalidCertificate();
  const found = publishedRow(contest, payload.entryId);
  if (!found?.row.award) throw invalidCertificate();
  const activity = await ActivityModel.findById(payload.activityId, { title: 1, orgId: 1 }).lean();
  if (!activity) throw invalidCertificate();
  const orgNames = await organizationNames([activity.orgId]);
  return {
    valid: true,
    activityId: payload.activityId,
    contestTitle: activity.title,
    unionName: orgNames.get(String(activity.orgId)) ?? '',
    groupName: found.group.groupName,
    award: found.row.award,
    holderName: found.row.isTeam ? found.row.name : maskName(found.row.name),
    publishedAt: contest.publication.publishedAt!.toISOString(),
  };
}
