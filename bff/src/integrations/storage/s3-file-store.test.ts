import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileStoreUnavailableError } from './file-store';
import { createS3FileStore, S3_MAX_ATTEMPTS } from './s3-file-store';

const ENDPOINT = 'https://cos.ap-shanghai.example.test';
const store = createS3FileStore({
  endpoint: ENDPOINT,
  region: 'ap-shanghai',
  bucket: 'union-uploads',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'test-secret-key',
  forcePathStyle: true,
});
const KEY = 'aid-proof/0123456789abcdef0123456789abcdef';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const unanswered = nock.pendingMocks();
  nock.cleanAll();
  expect(unanswered).toEqual([]);
});
afterAll(() => {
  nock.enableNetConnect();
  store.close?.();
});

describe('the S3-compatible file store', () => {
  it('uploads the bytes with their content type to /<bucket>/<key>, signed with SigV4', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    let sent: { headers: Record<string, string | string[] | undefined>; body: Buffer } | null = null;
    nock(ENDPOINT)
      .put(/^\/union-uploads\/aid-proof\/[0-9a-f]{32}$/)
      .query({ 'x-id': 'PutObject' })
      .reply(function (_uri, body) {
        sent = { headers: this.req.headers, body: Buffer.from(body as string, 'hex') };
        return [200, '', { ETag: '"etag"' }];
      });

    const stored = await store.put('aid-proof', bytes, 'image/png');
    expect(stored).toMatchObject({ contentType: 'image/png', size: 7 });
    expect(stored.key).toMatch(/^aid-proof\/[0-9a-f]{32}$/);
    expect(sent!.headers['content-type']).toBe('image/png');
    expect(String(sent!.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-shanghai\/s3\/aws4_request, SignedHeaders=.+, Signature=[0-9a-f]{64}$/,
    );
    expect(sent!.body.equals(bytes)).toBe(true);
  });

  it('downloads the bytes and content type of a stored file', async () => {
    nock(ENDPOINT)
      .get(`/union-uploads/${KEY}`)
      .query({ 'x-id': 'GetObject' })
      .reply(200, Buffer.from('%PDF-1.7 test'), { 'Content-Type': 'application/pdf', 'Content-Length': '13' });
    const file = await store.get(KEY);
    expect(file?.contentType).toBe('application/pdf');
    expect(file?.bytes.toString()).toBe('%PDF-1.7 test');
  });

  it('answers null for a file that is not there', async () => {
    nock(ENDPOINT)
      .get(`/union-uploads/${KEY}`)
      .query({ 'x-id': 'GetObject' })
      .reply(
        404,
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
        { 'Content-Type': 'application/xml' },
      );
    expect(await store.get(KEY)).toBeNull();
  });

  it('never asks the bucket for a key it did not make', async () => {
    expect(await store.get('../secrets')).toBeNull();
  });

  it('deletes a stored file', async () => {
    nock(ENDPOINT).delete(`/union-uploads/${KEY}`).query({ 'x-id': 'DeleteObject' }).reply(204);
    await store.remove(KEY);
  });

  it('tries a failing store a bounded number of times, then says it is unavailable (its words kept as the cause)', async () => {
    nock(ENDPOINT)
      .put(/^\/union-uploads\/aid-proof\/[0-9a-f]{32}$/)
      .query({ 'x-id': 'PutObject' })
      .times(S3_MAX_ATTEMPTS)
      .reply(500, '<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>', {
        'Content-Type': 'application/xml',
      });
    const failed = await store.put('aid-proof', Buffer.from('x'), 'image/png').catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(FileStoreUnavailableError);
    expect((failed as Error).message).toBe('file store put failed');
    expect(String((failed as Error).cause)).toMatch(/InternalError|internal error/);
  });
});
