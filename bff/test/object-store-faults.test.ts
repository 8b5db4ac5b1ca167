/**
 * The object store failing under a member's aid-application documents (the BFF's S3 client pointed
 * at a fake S3 endpoint that can fail on command). Uploads and downloads answer 503
 * `storage_unavailable` in Chinese within the configured deadline, never a 500 or a hang or the
 * store's own words; no application points at an object that was never stored; an object stored
 * whose database write failed is removed (or, if the store fails that too, left unreferenced);
 * and once the store is back the same upload goes through, once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { S3_MAX_ATTEMPTS } from '../src/integrations/storage/s3-file-store';
import { AidApplicationModel } from '../src/modules/aid/aid-application.model';
import { boundMember, cityAdmin, createProgramme, PNG, PDF, type MemberSession } from '../src/modules/aid/test-support';
import { startFakeObjectStore, type Failure, type FakeObjectStore } from './fake-object-store';
import { createOrgTree } from './fixtures';
import { startTestApi, type TestApi } from './harness';

/** Short, so the test is quick; production's default is 10 s. */
const TIMEOUT_MS = 3000;
/** What a loaded machine may add to the deadline before the answer is out. */
const SLACK_MS = 1500;
const UNAVAILABLE = { code: 'storage_unavailable', message: '文件服务暂时不可用，请稍后再试' };
/** Words of the store, the SDK or the socket that must never reach a member. */
const INTERNALS = /InternalError|SlowDown|NoSuchKey|ECONNRESET|socket|aws|s3|amz|abort|timed? ?out|fake/i;

let store: FakeObjectStore;
let api: TestApi;
let programmeId: string;
let member: MemberSession;

beforeAll(async () => {
  store = await startFakeObjectStore();
  api = await startTestApi(store.env(TIMEOUT_MS));
  const orgs = await createOrgTree();
  programmeId = await createProgramme(api, await cityAdmin(api, orgs), orgs.city.id);
  member = await boundMember(api, orgs.xihuTech, { name: '王建国' });
});
afterEach(() => store.heal());
afterAll(async () => {
  await api.stop();
  await store.stop();
});

async function newApplication(): Promise<string> {
  const response = await api.request('POST', '/api/aid/applications', { token: member.token, body: { programmeId } });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.id;
}

/** The application as the database holds it: what a reviewer would later see. */
async function stored(id: string) {
  const application = await AidApplicationModel.findById(id).lean().exec();
  return {
    version: application!.version,
    fileKeys: application!.documents.map((document) => document.fileKey),
  };
}

const referencedBySomeApplication = async (key: string) =>
  (await AidApplicationModel.countDocuments({ 'documents.fileKey': key }).exec()) > 0;

async function timed<T>(work: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = performance.now();
  const answer = await work();
  return { answer, ms: performance.now() - started };
}

async function call(method: string, path: string, body?: Uint8Array, contentType = 'image/png') {
  const response = await fetch(api.url + path, {
    method,
    headers: { Authorization: `Bearer ${member.token}`, ...(body ? { 'Content-Type': contentType } : {}) },
    body,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // a file
  }
  return { status: response.status, headers: response.headers, json, text, bytes };
}

const upload = (id: string, bytes: Uint8Array = PNG) =>
  call('POST', `/api/aid/applications/${id}/documents?kind=admission_letter`, bytes);

function expectStorageUnavailable(answer: Awaited<ReturnType<typeof call>>) {
  expect(answer.status, answer.text).toBe(503);
  expect(answer.json.error).toMatchObject(UNAVAILABLE);
  expect(answer.headers.get('retry-after')).toBe('5');
  expect(answer.text).not.toMatch(INTERNALS);
}

describe('uploading a document while the store fails', () => {
  const failures: Failure[] = ['error-500', 'slow-down-503', 'reset', 'hang'];

  it.each(failures)('%s: 503 in Chinese within the deadline, and the application is unchanged', async (failure) => {
    const id = await newApplication();
    const before = await stored(id);
    const attemptsBefore = store.requests.PUT;
    store.fail('PUT', failure);

    const { answer, ms } = await timed(() => upload(id));

    expectStorageUnavailable(answer);
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    const attempts = store.requests.PUT - attemptsBefore;
    // A hung attempt is given up after a third of the deadline, and the SDK backs off longer after
    // a SlowDown: in both the deadline may cut the last attempt short.
    if (failure === 'hang' || failure === 'slow-down-503') expect(attempts).toBeGreaterThanOrEqual(2);
    else expect(attempts).toBe(S3_MAX_ATTEMPTS);
    expect(attempts).toBeLessThanOrEqual(S3_MAX_ATTEMPTS);
    expect(await stored(id)).toEqual(before);
    const listed = await call('GET', `/api/aid/applications/${id}`);
    expect(listed.json.documents).toEqual([]);
  });

  it('a brief failure is retried by the client and the member never sees it', async () => {
    const id = await newApplication();
    const attemptsBefore = store.requests.PUT;
    store.fail('PUT', 'error-500', S3_MAX_ATTEMPTS - 1);
    const answer = await upload(id);
    expect(answer.status, answer.text).toBe(200);
    expect(store.requests.PUT - attemptsBefore).toBe(S3_MAX_ATTEMPTS);
    expect(answer.json.documents).toHaveLength(1);
  });

  it('once the store is back, the same upload retried goes through once', async () => {
    const id = await newApplication();
    store.fail('PUT', 'error-500');
    expectStorageUnavailable(await upload(id, PDF));
    store.heal();

    const retried = await upload(id, PDF);
    expect(retried.status, retried.text).toBe(200);
    expect(retried.json.documents).toHaveLength(1);
    const { fileKeys } = await stored(id);
    expect(fileKeys).toHaveLength(1);
    expect(store.objects.get(fileKeys[0]!)?.bytes.equals(PDF)).toBe(true);
  });
});

describe('an object stored whose database write then failed', () => {
  /** The application is submitted while its upload is in the store, so the document cannot be added. */
  function submitDuringUpload(id: string): { key: () => string | null } {
    let storedKey: string | null = null;
    store.afterPut(async (key) => {
      storedKey = key;
      await AidApplicationModel.updateOne({ _id: id }, { $set: { status: 'in_review' } }).exec();
    });
    return { key: () => storedKey };
  }

  it('is removed from the store, and the member is told why the document was not added', async () => {
    const id = await newApplication();
    const before = await stored(id);
    const put = submitDuringUpload(id);

    const answer = await upload(id);

    expect(answer.status, answer.text).toBe(409);
    expect(answer.json.error.code).toBe('not_editable');
    expect(put.key()).not.toBeNull();
    expect(store.objects.has(put.key()!)).toBe(false);
    expect((await stored(id)).fileKeys).toEqual(before.fileKeys);
  });

  it('is left unreferenced when the store fails to remove it too, and the member still hears the real reason', async () => {
    const id = await newApplication();
    const put = submitDuringUpload(id);
    store.fail('DELETE', 'error-500');

    const answer = await upload(id);

    // Not the store's 503: the document was refused because the application was submitted.
    expect(answer.status, answer.text).toBe(409);
    expect(answer.json.error.code).toBe('not_editable');
    expect(store.objects.has(put.key()!)).toBe(true);
    expect(await referencedBySomeApplication(put.key()!)).toBe(false);
  });
});

describe('a document whose file the store cannot give back', () => {
  let id: string;
  let documentId: string;
  let fileKey: string;

  beforeAll(async () => {
    id = await newApplication();
    const uploaded = await upload(id, PDF);
    expect(uploaded.status, uploaded.text).toBe(200);
    documentId = uploaded.json.documents[0].id;
    fileKey = (await stored(id)).fileKeys[0]!;
  });

  async function open() {
    const link = await call('GET', `/api/aid/documents/${documentId}/link`);
    expect(link.status, link.text).toBe(200);
    return call('GET', link.json.url);
  }

  it.each<Failure>(['error-500', 'reset', 'hang', 'stall-body'])(
    '%s: viewing it answers 503 in Chinese within the deadline',
    async (failure) => {
      store.fail('GET', failure);
      const { answer, ms } = await timed(open);
      expectStorageUnavailable(answer);
      expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    },
  );

  it('opens again once the store is back', async () => {
    const answer = await open();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.bytes.equals(PDF)).toBe(true);
  });

  it('answers 404 材料不存在 when the object is missing from the store, not a 500', async () => {
    const kept = store.objects.get(fileKey)!;
    store.objects.delete(fileKey);
    try {
      const answer = await open();
      expect(answer.status, answer.text).toBe(404);
      expect(answer.json.error).toMatchObject({ code: 'not_found', message: '材料不存在' });
      expect(answer.text).not.toMatch(INTERNALS);
    } finally {
      store.objects.set(fileKey, kept);
    }
  });
});

describe('deleting a document while the store fails', () => {
  it('still removes it from the application (the left-over file is unreferenced)', async () => {
    const id = await newApplication();
    const uploaded = await upload(id);
    const documentId = uploaded.json.documents[0].id;
    const [fileKey] = (await stored(id)).fileKeys;
    store.fail('DELETE', 'error-500');

    const answer = await call('DELETE', `/api/aid/applications/${id}/documents/${documentId}`);

    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.documents).toEqual([]);
    expect(await referencedBySomeApplication(fileKey!)).toBe(false);
  });
});
