/**
 * Where uploaded files live. Development and tests keep them on the local disk (or in
 * memory); production plugs in object storage behind the same interface. Keys are
 * generated here, never taken from the client, so no upload can pick its own path.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredFile {
  key: string;
  contentType: string;
  size: number;
}

export interface FileStore {
  put(folder: string, bytes: Buffer, contentType: string): Promise<StoredFile>;
  get(key: string): Promise<{ bytes: Buffer; contentType: string } | null>;
  remove(key: string): Promise<void>;
  /** Lets go of pooled connections (object storage) at shutdown. */
  close?(): void;
}

const KEY_PATTERN = /^[a-z-]{1,32}\/[0-9a-f]{32}$/;

/**
 * The store could not do what was asked (5xx, timeout, connection reset, refused credentials).
 * The request answers 503 `storage_unavailable` in Chinese (http/error-handler.ts); what the
 * store said stays in `cause`, for the logs only.
 */
export class FileStoreUnavailableError extends Error {
  override name = 'FileStoreUnavailableError';
  constructor(operation: 'put' | 'get' | 'remove', cause: unknown) {
    super(`file store ${operation} failed`, { cause });
  }
}

/**
 * Removes a file no record points at (an upload whose database write failed, or one a change
 * just replaced), at best: the request's outcome does not depend on it. A file the store fails
 * to remove stays unreferenced; it is never served, as only a record leads to its random key.
 */
export async function discardFile(files: FileStore, key: string): Promise<void> {
  try {
    await files.remove(key);
  } catch {
    // The store logs its own failures; the file is unreferenced either way.
  }
}

/** Only keys this module made are ever read or deleted, so a key cannot reach outside its store. */
export const isStoredKey = (key: string) => KEY_PATTERN.test(key);

export function newKey(folder: string): string {
  if (!/^[a-z-]{1,32}$/.test(folder)) throw new Error(`invalid storage folder ${folder}`);
  return `${folder}/${randomBytes(16).toString('hex')}`;
}

export function createMemoryFileStore(): FileStore {
  const files = new Map<string, { bytes: Buffer; contentType: string }>();
  return {
    async put(folder, bytes, contentType) {
      const key = newKey(folder);
      files.set(key, { bytes, contentType });
      return { key, contentType, size: bytes.length };
    },
    async get(key) {
      return files.get(key) ?? null;
    },
    async remove(key) {
      files.delete(key);
    },
  };
}

/** Files under `root`, with the content type kept in a sidecar file. */
export function createDiskFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!KEY_PATTERN.test(key)) throw new Error('invalid storage key');
    return join(root, key);
  };
  return {
    async put(folder, bytes, contentType) {
      const key = newKey(folder);
      try {
        await mkdir(join(root, folder), { recursive: true });
        await writeFile(pathOf(key), bytes);
        await writeFile(`${pathOf(key)}.type`, contentType);
      } catch (error) {
        // A full or read-only disk is the store failing, not the request.
        throw new FileStoreUnavailableError('put', error);
      }
      return { key, contentType, size: bytes.length };
    },
    async get(key) {
      if (!KEY_PATTERN.test(key)) return null;
      try {
        const [bytes, contentType] = await Promise.all([
          readFile(pathOf(key)),
          readFile(`${pathOf(key)}.type`, 'utf8'),
        ]);
        return { bytes, contentType };
      } catch {
        return null;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
      await rm(`${pathOf(key)}.type`, { force: true });
    },
  };
}
