/** Test world for the member side: the fixture org tree, bound members, programmes and a complete form. */
import { chinaDateAfter } from '@union/shared';
import type { TestApi } from '../../../test/harness';
import { createMember, createStaff, loginStaff, loginWechat, makeIdNumber, type OrgTree } from '../../../test/fixtures';
import { MemberModel } from '../membership/member.model';

/** A China calendar date `days` from today. */
export const chinaDay = (days: number) => chinaDateAfter(Date.now(), days);
export const THIS_YEAR = Number(chinaDay(0).slice(0, 4));

export function programmeBody(orgId: string, overrides: Record<string, unknown> = {}) {
  return {
    name: `${THIS_YEAR} 年金秋助学`,
    year: THIS_YEAR,
    orgId,
    applyFrom: chinaDay(-10),
    applyTo: chinaDay(20),
    tiers: [
      { educationLevel: 'undergraduate', amountFen: 300_000 },
      { educationLevel: 'junior_college', amountFen: 200_000 },
    ],
    eligibility: {
      minMembershipMonths: 12,
      admissionYear: THIS_YEAR,
      hardshipCategories: [],
      perCapitaMonthlyIncomeCeilingFen: null,
    },
    requiredDocuments: ['admission_letter', 'household_proof'],
    reviewChain: ['grassroots', 'district', 'city'],
    noticeDays: 0,
    ...overrides,
  };
}

/** Creates a programme as a city administrator and returns its id. */
export async function createProgramme(api: TestApi, token: string, orgId: string, overrides = {}): Promise<string> {
  const response = await api.request('POST', '/api/staff/aid/programmes', {
    token,
    body: programmeBody(orgId, overrides),
  });
  if (response.status !== 200) throw new Error(`programme not created: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export const childIdNumber = (sequence: string) => makeIdNumber('330106', '20070415', sequence);

/** Everything the submission needs, for the given child. */
export function completeForm(childId: string) {
  return {
    child: {
      name: '王小明',
      idNumber: childId,
      school: '浙江大学',
      major: '计算机科学与技术',
      educationLevel: 'undergraduate',
      admissionYear: THIS_YEAR,
    },
    household: { members: 3, annualIncomeFen: 3_600_000, hardshipCategory: 'low_income', situation: '母亲患病' },
    payment: {
      method: 'bank_card',
      bankName: '中国农业银行',
      accountName: '王建国',
      accountNumber: '6228 4800 1234 5678 901',
    },
    declarationAccepted: true,
  };
}

export interface MemberSession {
  token: string;
  memberId: string;
  idNumber: string;
}

let sequence = 100;

/** A roster member in `org`, signed in with WeChat and bound; joined on `joinedAt`. */
export async function boundMember(
  api: TestApi,
  org: OrgTree[keyof OrgTree],
  options: { name?: string; joinedAt?: Date } = {},
): Promise<MemberSession> {
  sequence += 1;
  const person = {
    name: options.name ?? '王建国',
    idNumber: makeIdNumber('330106', '19800101', String(sequence)),
    mobile: `1390000${String(sequence).padStart(4, '0')}`,
  };
  const member = await createMember(api.running.runtime.cipher, org, person);
  if (options.joinedAt) await MemberModel.updateOne({ _id: member.id }, { $set: { joinedAt: options.joinedAt } });
  const { token } = await loginWechat(api, `wx-aid-${sequence}`);
  const bound = await api.request('POST', '/api/membership/bind', { token, body: person });
  if (bound.status !== 200) throw new Error(`bind failed: ${JSON.stringify(bound.body)}`);
  return { token, memberId: member.id, idNumber: person.idNumber };
}

export async function cityAdmin(api: TestApi, orgs: OrgTree): Promise<string> {
  await createStaff('aid_city_admin', [{ role: 'union_admin', org: orgs.city }]);
  return loginStaff(api, 'aid_city_admin');
}

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Sends a document as the mini-program's uploadFile does: raw bytes. */
export async function uploadDocument(
  api: TestApi,
  token: string,
  applicationId: string,
  kind: string,
  bytes: Uint8Array,
  contentType = 'image/png',
) {
  const response = await fetch(`${api.url}/api/aid/applications/${applicationId}/documents?kind=${kind}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType },
    body: bytes,
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body };
}

/** Starts a draft, fills it in completely and uploads every required document. */
export async function readyApplication(api: TestApi, token: string, programmeId: string, childId: string) {
  const started = await api.request('POST', '/api/aid/applications', { token, body: { programmeId } });
  if (started.status !== 200) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  const id: string = started.body.id;
  const saved = await api.request('PUT', `/api/aid/applications/${id}/draft`, { token, body: completeForm(childId) });
  if (saved.status !== 200) throw new Error(`draft failed: ${JSON.stringify(saved.body)}`);
  for (const kind of ['admission_letter', 'household_proof']) {
    const uploaded = await uploadDocument(api, token, id, kind, PNG);
    if (uploaded.status !== 200) throw new Error(`upload failed: ${JSON.stringify(uploaded.body)}`);
  }
  return id;
}
