/**
 * The organiser's roster export (.xlsx). Names, phones and ID numbers are masked unless the
 * organiser gives a reason; then the full values are exported and the reveal (who, when, why,
 * which entries and members) goes to the event trail, as revealing an aid applicant's number
 * does. A team entry is followed by its current teammates, who have no entry of their own.
 */
import ExcelJS from 'exceljs';
import {
  chinaCompactDate,
  chinaDateTime,
  ENTRY_STATUS_LABELS,
  maskIdNumber,
  maskMobile,
  maskName,
  type ActivityQuestion,
  type EntryStatus,
} from '@union/shared';
import type { FieldCipher } from '../../crypto/field-encryption';
import { XLSX_CONTENT_TYPE, type Download } from '../../http/download';
import type { Actor } from '../auth/actor';
import { recordEvent } from '../event-trail/record';
import { MemberModel } from '../membership/member.model';
import { EntryModel, type EntryDoc } from './entry.model';
import { managedActivity } from './organise.service';
import { waitlistPosition } from './places';
import { TeamMemberModel, TeamModel } from './team.model';

/**
 * What the export lists for each filter: 全部 leaves out only entries that never took part
 * (cancelled, rejected, not drawn); after the activity closes it is the attendance roster,
 * so completed and no-show entries stay in.
 */
const STATUSES: Record<'all' | 'confirmed' | 'waitlisted', EntryStatus[]> = {
  all: [
    'pending_review',
    'awaiting_draw',
    'waitlisted',
    'offered',
    'pending_payment',
    'confirmed',
    'checked_in',
    'completed',
    'no_show',
  ],
  confirmed: ['confirmed', 'checked_in', 'completed', 'no_show'],
  waitlisted: ['waitlisted'],
};

export interface RosterExportQuery {
  status: 'all' | 'confirmed' | 'waitlisted';
  revealReason?: string | undefined;
}

function answerText(answer: unknown): string {
  if (Array.isArray(answer)) return answer.join('、');
  return typeof answer === 'string' ? answer : '';
}

export async function exportRoster(
  cipher: FieldCipher,
  actor: Actor,
  id: string,
  query: RosterExportQuery,
  now: Date,
): Promise<Download> {
  const activity = await managedActivity(actor, id);
  const entries = await EntryModel.find({ activityId: activity._id, status: { $in: STATUSES[query.status] } })
    .sort({ _id: 1 })
    .lean<EntryDoc[]>();
  const listed = new Set(entries.map((entry) => String(entry._id)));
  const teams = (await TeamModel.find({ activityId: activity._id, status: { $ne: 'cancelled' } }).lean()).filter(
    (team) => listed.has(String(team.captainEntryId)),
  );
  // A team entry's place is its whole team's: each current teammate is a row under it.
  const teammates = await TeamMemberModel.find({
    teamId: { $in: teams.map((team) => team._id) },
    captain: false,
    liveKey: { $exists: true },
  })
    .sort({ _id: 1 })
    .lean();
  const teamOfEntry = new Map(teams.map((team) => [String(team.captainEntryId), team]));
  const memberIds = [...entries.map((entry) => entry.memberId), ...teammates.map((teammate) => teammate.memberId)];
  const members = new Map(
    (await MemberModel.find({ _id: { $in: memberIds } }).lean()).map((member) => [String(member._id), member]),
  );
  const groupNames = new Map(activity.groups.map((group) => [group.id, group.name]));
  const questions = (activity.questions ?? []) as ActivityQuestion[];
  const reveal = Boolean(query.revealReason);

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('报名名单');
  sheet.columns = [
    { header: '序号', key: 'index', width: 6 },
    { header: '组别', key: 'group', width: 14 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '会员号', key: 'memberNo', width: 14 },
    { header: '手机号', key: 'mobile', width: 14 },
    { header: '证件号', key: 'idNumber', width: 22 },
    { header: '状态', key: 'status', width: 10 },
    { header: '候补位次', key: 'position', width: 10 },
    { header: '队伍', key: 'team', width: 14 },
    { header: '报名时间', key: 'signedUpAt', width: 18 },
    { header: '代报名', key: 'onBehalf', width: 8 },
    ...questions.map((question) => ({ header: question.title, key: `q_${question.id}`, width: 20 })),
  ];
  sheet.getRow(1).font = { bold: true };
  // Numbers as text: Excel would otherwise round an ID number's last digits away.
  sheet.getColumn('mobile').numFmt = '@';
  sheet.getColumn('idNumber').numFmt = '@';
  const person = (memberId: unknown) => {
    const member = members.get(String(memberId));
    const name = member?.name ?? '';
    const mobile = member ? cipher.decrypt(member.mobileSealed) : '';
    const idNumber = member ? cipher.decrypt(member.idNumberSealed) : '';
    return {
      name: reveal ? name : maskName(name),
      memberNo: member?.memberNo ?? '',
      mobile: reveal ? mobile : maskMobile(mobile),
      idNumber: reveal ? idNumber : maskIdNumber(idNumber),
    };
  };
  const answerCells = (answers: unknown) =>
    Object.fromEntries(
      questions.map((question) => [
        `q_${question.id}`,
        answerText(((answers ?? {}) as Record<string, unknown>)[question.id]),
      ]),
    );
  let index = 0;
  for (const entry of entries) {
    const team = teamOfEntry.get(String(entry._id));
    const status = ENTRY_STATUS_LABELS[entry.status as EntryStatus] ?? entry.status;
    index += 1;
    sheet.addRow({
      index,
      group: groupNames.get(entry.groupId) ?? '',
      ...person(entry.memberId),
      status,
      position: entry.status === 'waitlisted' ? await waitlistPosition(entry) : '',
      team: team ? `${team.name}（队长）` : '',
      signedUpAt: chinaDateTime(entry._id.getTimestamp()),
      onBehalf: entry.onBehalfBy ? '是' : '',
      ...answerCells(entry.answers),
    });
    for (const teammate of teammates.filter((candidate) => team && candidate.teamId.equals(team._id))) {
      index += 1;
      sheet.addRow({
        index,
        group: groupNames.get(entry.groupId) ?? '',
        ...person(teammate.memberId),
        status,
        position: '',
        team: team!.name,
        signedUpAt: chinaDateTime(teammate._id.getTimestamp()),
        onBehalf: '',
        ...answerCells(teammate.answers),
      });
    }
  }

  if (reveal) {
    await recordEvent({
      kind: 'activity.roster_revealed',
      actor: { kind: 'union_staff', accountId: actor.accountId, label: '工会工作人员' },
      at: now,
      summary: `导出完整报名名单（${index}人）：${query.revealReason}`,
      detail: {
        activityId: String(activity._id),
        reason: query.revealReason,
        status: query.status,
        entryIds: entries.map((entry) => String(entry._id)),
        // Teammates have no entry of their own: whose numbers were shown is kept by member.
        memberIds: memberIds.map(String),
      },
    });
  }
  const chinaDate = chinaCompactDate(now);
  return {
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: XLSX_CONTENT_TYPE,
    fileName: `${activity.title}-报名名单-${chinaDate}.xlsx`,
    asciiName: `activity-roster-${chinaDate}.xlsx`,
  };
}
