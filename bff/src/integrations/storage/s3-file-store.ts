/**
 * Uploads in S3-compatible object storage: AWS S3, and Tencent Cloud COS, Aliyun OSS
 * or MinIO through their S3 endpoints. The bucket should be private; files are only
 * ever served through the BFF, which checks who may see them.
 *
 * A failing store must not hold a member's request: every operation has one deadline
 * (`timeoutMs`, all attempts included) and a few attempts, each given up after a share of it
 * without a byte from the store.
 * Past that, or on a failure the SDK will not retry, it throws FileStoreUnavailableError.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Logger } from '../../logger';
import { FileStoreUnavailableError, isStoredKey, newKey, type FileStore } from './file-store';

export interface S3FileStoreOptions {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key`; MinIO needs it, COS and OSS refuse it. */
  forcePathStyle: boolean;
  /** The longest one operation (all its attempts) may take before the store counts as unavailable. */
  timeoutMs?: number;
  logger?: Pick<Logger, 'warn'>;
}

/** Tries per operation: a 5xx, a throttle, a reset or a timed-out attempt is tried again, twice. */
export const S3_MAX_ATTEMPTS = 3;
export const DEFAULT_S3_TIMEOUT_MS = 10_000;

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);

export function createS3FileStore(options: S3FileStoreOptions): FileStore {
  const timeoutMs = options.timeoutMs ?? DEFAULT_S3_TIMEOUT_MS;
  // An attempt that hears nothing for its share of the deadline is given up, so a hung connection is retried.
  const attemptMs = Math.max(100, Math.floor(timeoutMs / S3_MAX_ATTEMPTS));
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // The SDK's default CRC32 checksum headers are not understood by every S3-compatible service.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: S3_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: attemptMs,
      // Silence on the socket, also while a download's body trickles in. Not a total per attempt:
      // an 8 MB upload on a slow link keeps sending, and only the operation's deadline bounds it.
      socketTimeout: attemptMs,
    },
  });
  const Bucket = options.bucket;

  /** Runs one operation under the deadline; anything but "not there" becomes FileStoreUnavailableError. */
  async function withinDeadline<T>(
    operation: 'put' | 'get' | 'remove',
    key: string,
    work: (abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      return await work(deadline.signal);
    } catch (error) {
      if (operation === 'get' && isMissing(error)) throw error;
      options.logger?.warn({ err: error, operation, key }, 'object store request failed');
      throw new FileStoreUnavailableError(operation, error);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async put(folder, bytes, contentType) {
      const key = newKey(folder);
      await withinDeadline('put', key, (abortSignal) =>
        client.send(
          new PutObjectCommand({
            Bucket,
            Key: key,
            Body: bytes,
            ContentType: contentType,
            ContentLength: bytes.length,
          }),
          { abortSignal },
        ),
      );
      return { key, contentType, size: bytes.length };
    },
    async get(key) {
      if (!isStoredKey(key)) return null;
      try {
        return await withinDeadline('get', key, async (abortSignal) => {
          const object = await client.send(new GetObjectCommand({ Bucket, Key: key }), { abortSignal });
          if (!object.Body) return null;
          // The body is read under the same deadline: aborting destroys its connection.
          const bytes = Buffer.from(await object.Body.transformToByteArray());
          return { bytes, contentType: object.ContentType ?? 'application/octet-stream' };
        });
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async remove(key) {
      if (!isStoredKey(key)) throw new Error('invalid storage key');
      await withinDeadline('remove', key, (abortSignal) =>
        client.send(new DeleteObjectCommand({ Bucket, Key: key }), { abortSignal }),
      );
    },
    close() {
      client.destroy();
    },
  };
}
