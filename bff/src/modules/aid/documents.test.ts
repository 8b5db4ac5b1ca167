import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_AID_DOCUMENT_BYTES } from '@union/shared';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff, type OrgTree } from '../../../test/fixtures';
import {
  boundMember,
  childIdNumber,
  cityAdmin,
  createProgramme,
  PDF,
  PNG,
  readyApplication,
  uploadDocument,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let programmeId: string;
let applicant: MemberSession;
let neighbour: MemberSession;
let xihuStaff: string;
let binjiangStaff: string;

const start = async (token: string) =>
  (await api.request('POST', '/api/aid/applications', { token, body: { programmeId } })).body.id as string;
const linkFor = (token: string, documentId: string) =>
  api.request('GET', `/api/aid/documents/${documentId}/link`, { token });

async function fetchFile(url: string) {
  const response = await fetch(api.url + url);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  programmeId = await createProgramme(api, await cityAdmin(api, orgs), orgs.city.id);
  applicant = await boundMember(api, orgs.xihuTech, { name: '王建国' });
  neighbour = await boundMember(api, orgs.xihuTech, { name: '赵敏' });
  await createStaff('docs_xihu', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('docs_binjiang', [{ role: 'union_staff', org: orgs.binjiang }]);
  xihuStaff = await loginStaff(api, 'docs_xihu');
  binjiangStaff = await loginStaff(api, 'docs_binjiang');
});
afterAll(() => api.stop());

describe('uploading documents', () => {
  it('accepts a PNG photo and a PDF, judged by their bytes, and lists them', async () => {
    const id = await start(applicant.token);
    const photo = await uploadDocument(api, applicant.token, id, 'admission_letter', PNG, 'application/octet-stream');
    expect(photo.status).toBe(200);
    const pdf = await uploadDocument(api, applicant.token, id, 'household_proof', PDF, 'application/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.body.documents.map((d: any) => [d.kind, d.contentType, d.size])).toEqual([
      ['admission_letter', 'image/png', PNG.length],
      ['household_proof', 'application/pdf', PDF.length],
    ]);
    expect(pdf.body.missingDocuments).toEqual([]);
  });

  it('refuses a renamed executable with 415 and keeps nothing', async () => {
    const id = await start(applicant.token);
    const windowsExe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)]);
    const response = await uploadDocument(api, applicant.token, id, 'admission_letter', windowsExe, 'image/jpeg');
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('unsupported_file');
    const reloaded = await api.request('GET', `/api/aid/applications/${id}`, { token: applicant.token });
    expect(reloaded.body.documents).toEqual([]);
  });

  it('refuses a file over 8 MB with 413', async () => {
    const id = await start(applicant.token);
    const huge = Buffer.concat([PNG, Buffer.alloc(MAX_AID_DOCUMENT_BYTES, 0)]);
    const response = await uploadDocument(api, applicant.token, id, 'admission_letter', huge).catch((error: Error) => ({
      status: 0,
      body: String(error),
    }));
    expect(response.status).toBe(413);
  });

  it('refuses uploads to another member’s application as if it did not exist', async () => {
    const id = await start(applicant.token);
    const response = await uploadDocument(api, neighbour.token, id, 'admission_letter', PNG);
    expect(response.status).toBe(404);
  });

  it('refuses an unknown document kind', async () => {
    const id = await start(applicant.token);
    const response = await uploadDocument(api, applicant.token, id, 'selfie', PNG);
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('kind');
  });

  it('deletes a document and its file while the draft is open', async () => {
    const id = await start(applicant.token);
    const uploaded = await uploadDocument(api, applicant.token, id, 'other', PNG);
    const documentId = uploaded.body.documents[0].id;
    const link = await linkFor(applicant.token, documentId);
    const removed = await api.request('DELETE', `/api/aid/applications/${id}/documents/${documentId}`, {
      token: applicant.token,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.documents).toEqual([]);
    expect((await fetchFile(link.body.url)).status).toBe(404);
  });

  it('freezes documents once submitted', async () => {
    const id = await readyApplication(api, applicant.token, programmeId, childIdNumber('401'));
    expect((await api.request('POST', `/api/aid/applications/${id}/submit`, { token: applicant.token })).status).toBe(
      200,
    );
    const late = await uploadDocument(api, applicant.token, id, 'other', PNG);
    expect(late.status).toBe(409);
  });
});

describe('viewing documents through signed, expiring links', () => {
  let applicationId: string;
  let documentId: string;

  beforeAll(async () => {
    applicationId = await readyApplication(api, applicant.token, programmeId, childIdNumber('402'));
    const reloaded = await api.request('GET', `/api/aid/applications/${applicationId}`, { token: applicant.token });
    documentId = reloaded.body.documents[0].id;
  });

  it('gives the applicant a link that serves the file without a session, for five minutes', async () => {
    const link = await linkFor(applicant.token, documentId);
    expect(link.status).toBe(200);
    const expiresIn = new Date(link.body.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000);
    const file = await fetchFile(link.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('cache-control')).toBe('private, no-store');
    expect(file.bytes.equals(PNG)).toBe(true);
  });

  it('stops serving the file once the link has expired', async () => {
    const link = await linkFor(applicant.token, documentId);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 5 * 60_000 + 1_000 });
    try {
      const file = await fetchFile(link.body.url);
      expect(file.status).toBe(403);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a tampered link', async () => {
    const link = await linkFor(applicant.token, documentId);
    const url = new URL(link.body.url, api.url);
    const token = url.searchParams.get('token')!;
    const [id, expires, signature] = token.split('.') as [string, string, string];
    const later = `${id}.${Number(expires) + 3_600_000}.${signature}`;
    const flipped = `${id}.${expires}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    for (const forged of [later, flipped]) {
      expect((await fetchFile(`/api/aid/files?token=${encodeURIComponent(forged)}`)).status).toBe(404);
    }
  });

  it('does not issue a link to another member', async () => {
    expect((await linkFor(neighbour.token, documentId)).status).toBe(404);
  });

  it('does not issue links for a draft to staff: it is the applicant’s alone until submitted', async () => {
    const draftId = await start(applicant.token);
    const uploaded = await uploadDocument(api, applicant.token, draftId, 'other', PNG);
    expect((await linkFor(xihuStaff, uploaded.body.documents[0].id)).status).toBe(404);
  });

  it('issues links to reviewers whose scope holds the applicant, and to no one outside it', async () => {
    await api.request('POST', `/api/aid/applications/${applicationId}/submit`, { token: applicant.token });
    const reviewer = await linkFor(xihuStaff, documentId);
    expect(reviewer.status).toBe(200);
    expect((await fetchFile(reviewer.body.url)).status).toBe(200);
    expect((await linkFor(binjiangStaff, documentId)).status).toBe(404);
  });
});
