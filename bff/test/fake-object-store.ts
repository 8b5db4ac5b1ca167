/**
 * A small S3-compatible endpoint (path style: /<bucket>/<key>) that keeps objects in memory and
 * can be told to fail the way a real one does: 500/503 answers, no answer at all, a reset
 * connection, or a download that stops halfway. The BFF's S3 client is pointed at it through
 * the ordinary S3_* settings, so what is tested is the client as production configures it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Failure = 'error-500' | 'slow-down-503' | 'hang' | 'reset' | 'stall-body';
type Method = 'PUT' | 'GET' | 'DELETE';

export interface StoredObject {
  bytes: Buffer;
  contentType: string;
}

export interface FakeObjectStore {
  url: string;
  bucket: string;
  /** The BFF settings that point its file store at this one, with the given deadline. */
  env(timeoutMs: number): Record<string, string>;
  /** Objects by key (`aid-documents/<hex>`), as the store holds them now. */
  objects: Map<string, StoredObject>;
  /** Requests seen, by method, failed ones included. */
  requests: Record<Method, number>;
  /** Makes the next `times` requests of `method` fail (Infinity: until `heal`). */
  fail(method: Method, failure: Failure, times?: number): void;
  /** Keeps uploads waiting (not stored, not answered) until `releaseUploads`, as a slow store would. */
  holdUploads(): void;
  releaseUploads(): void;
  /** Uploads received and waiting now. */
  heldUploads(): number;
  /** Runs after an object is stored and before the store answers, e.g. to change the database meanwhile. */
  afterPut(hook: ((key: string) => Promise<void>) | null): void;
  heal(): void;
  stop(): Promise<void>;
}

const NO_SUCH_KEY =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>';
const errorXml = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>fake ${code}</Message></Error>`;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeObjectStore(bucket = 'union-uploads'): Promise<FakeObjectStore> {
  const objects = new Map<string, StoredObject>();
  const requests: Record<Method, number> = { PUT: 0, GET: 0, DELETE: 0 };
  const failures: Partial<Record<Method, { failure: Failure; left: number }>> = {};
  let putHook: ((key: string) => Promise<void>) | null = null;
  let uploadGate: { opened: Promise<void>; open: () => void } | null = null;
  let held = 0;

  function takeFailure(method: Method): Failure | null {
    const planned = failures[method];
    if (!planned || planned.left <= 0) return null;
    planned.left -= 1;
    return planned.failure;
  }

  /** Answers as a failing store would. */
  function misbehave(failure: Failure, res: ServerResponse): void {
    if (failure === 'error-500') {
      res.writeHead(500, { 'Content-Type': 'application/xml' }).end(errorXml('InternalError'));
    } else if (failure === 'slow-down-503') {
      res.writeHead(503, { 'Content-Type': 'application/xml' }).end(errorXml('SlowDown'));
    } else if (failure === 'reset') {
      res.socket?.resetAndDestroy();
    }
    // 'hang' answers nothing; 'stall-body' is handled by the GET below.
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method as Method;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://store').pathname);
    const prefix = `/${bucket}/`;
    if (!path.startsWith(prefix) || !(method in requests)) {
      res.writeHead(400).end();
      return;
    }
    const key = path.slice(prefix.length);
    requests[method] += 1;
    const body = await readBody(req);
    const failure = takeFailure(method);
    if (failure && failure !== 'stall-body') return misbehave(failure, res);

    if (method === 'PUT' && uploadGate) {
      held += 1;
      await uploadGate.opened;
      held -= 1;
    }
    if (method === 'PUT') {
      objects.set(key, { bytes: body, contentType: String(req.headers['content-type']) });
      await putHook?.(key);
      res.writeHead(200, { ETag: '"fake"' }).end();
    } else if (method === 'GET') {
      const object = objects.get(key);
      if (!object) {
        res.writeHead(404, { 'Content-Type': 'application/xml' }).end(NO_SUCH_KEY);
        return;
      }
      res.writeHead(200, { 'Content-Type': object.contentType, 'Content-Length': String(object.bytes.length) });
      // Half the bytes, then silence: the connection stays open and the rest never comes.
      if (failure === 'stall-body') res.write(object.bytes.subarray(0, object.bytes.length >> 1));
      else res.end(object.bytes);
    } else {
      objects.delete(key);
      res.writeHead(204).end();
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    bucket,
    env: (timeoutMs) => ({
      FILE_STORE: 's3',
      S3_ENDPOINT: url,
      S3_REGION: 'ap-shanghai',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'test-secret-key',
      S3_FORCE_PATH_STYLE: 'true',
      S3_TIMEOUT_MS: String(timeoutMs),
    }),
    objects,
    requests,
    fail(method, failure, times = Infinity) {
      failures[method] = { failure, left: times };
    },
    holdUploads() {
      let open = () => {};
      const opened = new Promise<void>((resolve) => (open = resolve));
      uploadGate = { opened, open };
    },
    releaseUploads() {
      uploadGate?.open();
      uploadGate = null;
    },
    heldUploads: () => held,
    afterPut(hook) {
      putHook = hook;
    },
    heal() {
      for (const method of Object.keys(failures) as Method[]) delete failures[method];
      putHook = null;
      uploadGate?.open();
      uploadGate = null;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
