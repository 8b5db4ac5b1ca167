/**
 * Three BFF instances on one test database behind a small round-robin proxy, as production
 * runs them behind nginx: this process's test API and two more in child processes. Requests
 * sent to `proxyUrl` go to the instances in turn; `urls[i]` reaches one instance directly.
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApi, type TestApi } from './harness';
import { startOtherInstance, type OtherInstance } from './instances';

export interface TestCluster {
  api: TestApi;
  urls: string[];
  proxyUrl: string;
  stop(): Promise<void>;
}

function roundRobinProxy(targets: string[]): Promise<Server> {
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const target = new URL(targets[next++ % targets.length]!);
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
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

export async function startCluster(env: Record<string, string> = {}): Promise<TestCluster> {
  const api = await startTestApi(env);
  const others: OtherInstance[] = await Promise.all([startOtherInstance(env), startOtherInstance(env)]);
  const urls = [api.url, ...others.map((other) => other.url)];
  const proxy = await roundRobinProxy(urls);
  return {
    api,
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
