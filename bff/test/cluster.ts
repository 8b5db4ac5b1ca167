/**
 * Three BFF instances on one test database behind a small round-robin proxy, as production
 * runs them behind nginx: this process's test API and two more in child processes. Requests
 * sent to `proxyUrl` go to the instances in turn, and each answer names the instance that gave
 * it (`X-Served-By`, its index in `urls`), so a test can replay a request on the others;
 * `urls[i]` reaches one instance directly.
 */
import { createServer, request as forward, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApi, type TestApi } from './harness';
import { startOtherInstance, type OtherInstance } from './instances';

export interface TestCluster {
  api: TestApi;
  /** The child instances: `others[i]` serves `urls[i + 1]`. */
  others: OtherInstance[];
  urls: string[];
  proxyUrl: string;
  stop(): Promise<void>;
}

/** The answer header naming the instance (index in `urls`) the proxy sent a request to. */
export const SERVED_BY = 'x-served-by';

/** Headers about one connection (RFC 9110 §7.6.1), and any the Connection header names. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade'];

/**
 * What a proxy passes on, as nginx does: not the hop-by-hop headers. An instance's
 * `Keep-Alive: timeout=65` passed on told the test's client to keep an idle connection to the
 * proxy for a minute, while the proxy closed it after Node's 5 s: a request sent on it at that
 * moment met ECONNRESET (CI, the burst of logins after a pause).
 */
function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.includes(name) && !named.includes(name)),
  );
}

function roundRobinProxy(targets: string[]): Promise<Server> {
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const index = next++ % targets.length;
    const target = new URL(targets[index]!);
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: endToEnd(incoming.headers),
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, { ...endToEnd(answer.headers), [SERVED_BY]: String(index) });
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * `env` configures every instance; `localEnv` adds to it for this process's instance only (e.g.
 * to keep its jobs from ticking, so a test knows a child leads them).
 */
export async function startCluster(
  env: Record<string, string> = {},
  localEnv: Record<string, string> = {},
): Promise<TestCluster> {
  const api = await startTestApi({ ...env, ...localEnv });
  const others: OtherInstance[] = await Promise.all([startOtherInstance(env), startOtherInstance(env)]);
  const urls = [api.url, ...others.map((other) => other.url)];
  const proxy = await roundRobinProxy(urls);
  return {
    api,
    others,
    urls,
    proxyUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    async stop() {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await Promise.all(others.map((other) => other.stop()));
      await api.stop();
    },
  };
}
