import { Types } from 'mongoose';
import { CHINA_OFFSET_MS, DAY_MS } from '@union/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { NotificationModel } from '../notifications/notification.model';
import { AidApplicationModel } from './aid-application.model';
import {
  boundMember,
  chinaDay,
  childIdNumber,
  cityAdmin,
  completeForm,
  createProgramme,
  PNG,
  readyApplication,
  uploadDocument,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let city: string;
let programmeId: string;
let parent: MemberSession;

const start = (token: string, id = programmeId) =>
  api.request('POST', '/api/aid/applications', { token, body: { programmeId: id } });
const saveDraft = (token: string, id: string, body: object) =>
  api.request('PUT', `/api/aid/applications/${id}/draft`, { token, body });
const submit = (token: string, id: string) => api.request('POST', `/api/aid/applications/${id}/submit`, { token });
const withdraw = (token: string, id: string) => api.request('POST', `/api/aid/applications/${id}/withdraw`, { token });
const read = (token: string, id: string) => api.request('GET', `/api/aid/applications/${id}`, { token });

/** Midnight, China time, `monthsAgo` whole calendar months before today, plus `plusDays`. */
function joinedMonthsAgo(monthsAgo: number, plusDays = 0): Date {
  const [year, month, day] = chinaDay(0).split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) - monthsAgo;
  const date = new Date(Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, day) - CHINA_OFFSET_MS);
  return new Date(date.getTime() + plusDays * DAY_MS);
}

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  city = await cityAdmin(api, orgs);
  programmeId = await createProgramme(api, city, orgs.city.id);
  parent = await boundMember(api, orgs.xihuTech, { name: '王建国' });
});
afterAll(() => api.stop());

describe('eligibility pre-check', () => {
  it('accepts a member of exactly the required 12 months and refuses one a day short, with the reason', async () => {
    const exactly = await boundMember(api, orgs.xihuTech, { joinedAt: joinedMonthsAgo(12) });
    const dayShort = await boundMember(api, orgs.xihuTech, { joinedAt: joinedMonthsAgo(12, 1) });
    const ok = await api.request('GET', `/api/aid/programmes/${programmeId}/eligibility`, { token: exactly.token });
    expect(ok.body).toEqual({ eligible: true, reasons: [] });
    const short = await api.request('GET', `/api/aid/programmes/${programmeId}/eligibility`, { token: dayShort.token });
    expect(short.body.eligible).toBe(false);
    expect(short.body.reasons).toEqual([
      { code: 'membership_too_short', message: '入会满 12 个月方可申请，您目前入会 11 个月' },
    ]);
    // Starting anyway is refused with the same reasons.
    const refused = await start(dayShort.token);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('not_eligible');
    expect(refused.body.error.details).toEqual([
      { path: 'membership_too_short', message: '入会满 12 个月方可申请，您目前入会 11 个月' },
    ]);
  });

  it('opens on the first day of the window, and refuses before it and after the last day', async () => {
    const opensToday = await createProgramme(api, city, orgs.city.id, { applyFrom: chinaDay(0), applyTo: chinaDay(5) });
    const closesToday = await createProgramme(api, city, orgs.city.id, {
      applyFrom: chinaDay(-5),
      applyTo: chinaDay(0),
    });
    const notYet = await createProgramme(api, city, orgs.city.id, { applyFrom: chinaDay(1), applyTo: chinaDay(9) });
    const closed = await createProgramme(api, city, orgs.city.id, { applyFrom: chinaDay(-9), applyTo: chinaDay(-1) });
    const check = async (id: string) =>
      (await api.request('GET', `/api/aid/programmes/${id}/eligibility`, { token: parent.token })).body;
    expect((await check(opensToday)).eligible).toBe(true);
    expect((await check(closesToday)).eligible).toBe(true);
    expect((await check(notYet)).reasons[0]).toMatchObject({ code: 'outside_window' });
    expect((await check(notYet)).reasons[0].message).toContain('尚未开始');
    expect((await check(closed)).reasons[0].message).toContain('截止');
    expect((await start(parent.token, closed)).status).toBe(400);
  });

  it('hides another district’s programme from the member', async () => {
    const binjiangAdmin = city; // the city admin may run a district programme too
    const binjiangOnly = await createProgramme(api, binjiangAdmin, orgs.binjiang.id);
    const response = await api.request('GET', `/api/aid/programmes/${binjiangOnly}/eligibility`, {
      token: parent.token,
    });
    expect(response.status).toBe(404);
    expect((await start(parent.token, binjiangOnly)).status).toBe(404);
  });
});

describe('drafts', () => {
  it('keeps partly filled sections across saves and reloads, and retrying a save changes nothing', async () => {
    const started = await start(parent.token);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'draft', currentStep: null, applicant: { name: '王建国' } });
    const id = started.body.id;

    const childId = childIdNumber('201');
    const first = await saveDraft(parent.token, id, { child: { name: '王小明', idNumber: childId } });
    expect(first.status).toBe(200);
    const household = { household: { members: 4, situation: '父亲务工，母亲患病' } };
    const second = await saveDraft(parent.token, id, household);
    const retried = await saveDraft(parent.token, id, household);
    expect(retried.status).toBe(200);
    expect(retried.body.version).toBe(second.body.version + 1);

    // Saving the household later without `situation` keeps what was typed before.
    await saveDraft(parent.token, id, { household: { annualIncomeFen: 4_800_000 } });
    const reloaded = await read(parent.token, id);
    expect(reloaded.body.child).toEqual({ name: '王小明', idNumber: childId });
    expect(reloaded.body.household).toEqual({
      members: 4,
      annualIncomeFen: 4_800_000,
      situation: '父亲务工，母亲患病',
    });
    expect(reloaded.body.missingDocuments).toEqual(['admission_letter', 'household_proof']);
  });

  it('stores the child’s ID number and the bank account only sealed', async () => {
    const id = (await start(parent.token)).body.id;
    const form = completeForm(childIdNumber('202'));
    await saveDraft(parent.token, id, form);
    const raw = JSON.stringify(await AidApplicationModel.collection.findOne({ _id: new Types.ObjectId(id) }));
    expect(raw).not.toContain(form.child.idNumber);
    expect(raw).not.toContain('62284800123456789');
    expect(raw).toContain('王小明');
    // The applicant still sees their own numbers in full.
    const mine = await read(parent.token, id);
    expect(mine.body.child.idNumber).toBe(form.child.idNumber);
    expect(mine.body.payment.accountNumber).toBe('6228480012345678901');
  });

  it('rejects an invalid ID number in a draft with the field path', async () => {
    const id = (await start(parent.token)).body.id;
    const valid = childIdNumber('208');
    const wrongCheckDigit = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1');
    const response = await saveDraft(parent.token, id, { child: { idNumber: wrongCheckDigit } });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('child.idNumber');
  });
});

describe('submitting', () => {
  it('lists every missing field by its path', async () => {
    const id = (await start(parent.token)).body.id;
    await saveDraft(parent.token, id, { child: { name: '王小红' } });
    const response = await submit(parent.token, id);
    expect(response.status).toBe(400);
    const paths = response.body.error.details.map((detail: any) => detail.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'child.idNumber',
        'child.school',
        'household.members',
        'payment.accountNumber',
        'declarationAccepted',
      ]),
    );
    expect(paths).not.toContain('child.name');
    expect((await read(parent.token, id)).body.status).toBe('draft');
  });

  it('names the missing documents in Chinese', async () => {
    const id = (await start(parent.token)).body.id;
    await saveDraft(parent.token, id, completeForm(childIdNumber('203')));
    expect((await uploadDocument(api, parent.token, id, 'admission_letter', PNG)).status).toBe(200);
    const response = await submit(parent.token, id);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('documents_missing');
    expect(response.body.error.message).toContain('户口簿或家庭情况证明');
    expect(response.body.error.message).not.toContain('录取通知书');
    expect(response.body.error.details).toEqual([
      { path: 'documents.household_proof', message: '请上传户口簿或家庭情况证明' },
    ]);
  });

  it('checks the child against the programme: admission year and education level', async () => {
    const id = (await start(parent.token)).body.id;
    const form = completeForm(childIdNumber('204'));
    await saveDraft(parent.token, id, {
      ...form,
      child: { ...form.child, admissionYear: form.child.admissionYear - 1, educationLevel: 'postgraduate' },
    });
    await uploadDocument(api, parent.token, id, 'admission_letter', PNG);
    await uploadDocument(api, parent.token, id, 'household_proof', PNG);
    const response = await submit(parent.token, id);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('not_eligible');
    expect(response.body.error.details.map((d: any) => d.path).sort()).toEqual([
      'child.admissionYear',
      'child.educationLevel',
    ]);
  });

  it('submits a complete application to the first review step, with the timeline and a message', async () => {
    const id = await readyApplication(api, parent.token, programmeId, childIdNumber('205'));
    const response = await submit(parent.token, id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'in_review', currentStep: 0, currentStepLabel: '基层工会初审' });
    expect(response.body.timeline.map((entry: any) => [entry.action, entry.actor])).toEqual([
      ['created', '申请人'],
      ['submitted', '申请人'],
    ]);
    const raw = await AidApplicationModel.findById(id).lean();
    expect(raw!.submittedAt).toBeInstanceOf(Date);
    expect(raw!.childKey).toMatch(new RegExp(`^${programmeId}:`));
    const messages = await NotificationModel.find({ title: '助学申请已提交' }).lean();
    expect(messages.some((message) => message.link?.includes(id))).toBe(true);

    // Submitted: no more edits, and a second submit is refused.
    expect((await saveDraft(parent.token, id, { child: { major: '数学' } })).status).toBe(409);
    expect((await submit(parent.token, id)).status).toBe(409);
  });

  it('lets the same member apply for two different children of one programme', async () => {
    const first = await readyApplication(api, parent.token, programmeId, childIdNumber('206'));
    const second = await readyApplication(api, parent.token, programmeId, childIdNumber('207'));
    expect((await submit(parent.token, first)).status).toBe(200);
    expect((await submit(parent.token, second)).status).toBe(200);
  });
});

describe('one application per child across the federation', () => {
  it('refuses the second parent from another district, and lets them apply once the first withdraws', async () => {
    const mother = await boundMember(api, orgs.xihuCommunity, { name: '李娜' });
    const father = await boundMember(api, orgs.binjiangTech, { name: '王强' });
    const child = childIdNumber('301');
    const byMother = await readyApplication(api, mother.token, programmeId, child);
    const byFather = await readyApplication(api, father.token, programmeId, child);
    expect((await submit(mother.token, byMother)).status).toBe(200);

    const duplicate = await submit(father.token, byFather);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toBe('该子女已有一份本项目的申请');
    expect((await read(father.token, byFather)).body.status).toBe('draft');

    const withdrawn = await withdraw(mother.token, byMother);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.timeline.at(-1)).toMatchObject({ action: 'withdrawn', actor: '申请人' });
    expect((await submit(father.token, byFather)).status).toBe(200);
  });

  it('does not let a withdrawn application be withdrawn or submitted again', async () => {
    const id = (await start(parent.token)).body.id;
    expect((await withdraw(parent.token, id)).status).toBe(200);
    expect((await withdraw(parent.token, id)).status).toBe(409);
    expect((await submit(parent.token, id)).status).toBe(409);
  });
});

describe('privacy between members', () => {
  it('shows a member only their own applications; another’s read as missing', async () => {
    const neighbour = await boundMember(api, orgs.xihuTech, { name: '赵敏' });
    const id = (await start(parent.token)).body.id;
    expect((await read(neighbour.token, id)).status).toBe(404);
    expect((await saveDraft(neighbour.token, id, { child: { name: '赵小' } })).status).toBe(404);
    expect((await submit(neighbour.token, id)).status).toBe(404);
    expect((await withdraw(neighbour.token, id)).status).toBe(404);
    const mine = await api.request('GET', '/api/aid/applications/mine', { token: neighbour.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([]);
    const parentsOwn = await api.request('GET', '/api/aid/applications/mine', { token: parent.token });
    expect(parentsOwn.body.items.map((item: any) => item.id)).toContain(id);
  });
});
