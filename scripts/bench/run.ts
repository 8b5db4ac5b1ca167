/**
 * `pnpm bench`: how fast the union card is issued and verified, in-process and over
 * HTTP under concurrent load, and how fast the nearest stations are found among
 * 200,000 (stations.ts), printed as tables. Numbers, never pass/fail.
 */
import { generateKeyPairSync } from 'node:crypto';
import autocannon from 'autocannon';
import { verifyCardToken } from '@union/shared';
import { createCardSigner } from '../../bff/src/crypto/card-signer';
import { startBff } from './start-bff';
import { stationSearchBench } from './stations';

function opsPerSecond(label: string, run: () => void, seconds = 1.5) {
  for (let i = 0; i < 200; i++) run(); // warm up
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < 50; i++) run();
    count += 50;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { operation: label, 'ops/s': Math.round(count / elapsed), 'µs/op': +((elapsed / count) * 1e6).toFixed(1) };
}

function cryptoBench() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = createCardSigner(privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'), 'bench');
  const memberId = '65a1b2c3d4e5f60718293a4b';
  const token = signer.issue(memberId).token;
  const keys = signer.publicKeys();
  return [
    opsPerSecond('issue card QR token (Node Ed25519 sign)', () => signer.issue(memberId)),
    opsPerSecond('verify token offline (shared, pure JS as on a phone)', () => {
      if (verifyCardToken(token, keys).result !== 'valid') throw new Error('bench token invalid');
    }),
    opsPerSecond('verify token in the BFF (native Ed25519)', () => {
      if (signer.check(token).result !== 'valid') throw new Error('bench token invalid');
    }),
  ];
}

async function json(url: string, init: RequestInit & { body?: string } = {}) {
  const response = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<any>;
}

async function httpBench() {
  const bff = await startBff({ RATE_LIMIT_SCALE: '1000', CHECK_RESPONSES: 'false' });
  try {
    const member = await json(`${bff.url}/api/auth/dev-login`, {
      method: 'POST',
      body: JSON.stringify({ openid: 'demo-member-li' }),
    });
    const staff = await json(`${bff.url}/api/auth/password-login`, {
      method: 'POST',
      body: JSON.stringify({ username: 'station_keeper', password: 'Demo@2026' }),
    });
    const card = await json(`${bff.url}/api/card`, { headers: { Authorization: `Bearer ${member.accessToken}` } });
    const scenarios = [
      {
        name: 'POST /api/staff/card-verifications',
        method: 'POST' as const,
        path: '/api/staff/card-verifications',
        token: staff.accessToken,
        body: JSON.stringify({ token: card.qr.tokens[0].token }),
      },
      {
        name: 'GET /api/card (member card + fresh QR)',
        method: 'GET' as const,
        path: '/api/card',
        token: member.accessToken,
      },
      { name: 'GET /healthz (server floor)', method: 'GET' as const, path: '/healthz', token: '' },
    ];
    const rows = [];
    for (const scenario of scenarios) {
      const result = await autocannon({
        url: bff.url + scenario.path,
        method: scenario.method,
        connections: 20,
        duration: 5,
        headers: {
          'Content-Type': 'application/json',
          ...(scenario.token ? { Authorization: `Bearer ${scenario.token}` } : {}),
        },
        body: scenario.body,
      });
      rows.push({
        endpoint: scenario.name,
        'req/s': Math.round(result.requests.average),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        errors: result.errors + result.non2xx,
      });
    }
    return rows;
  } finally {
    await bff.stop();
  }
}

console.log(`\nUnion card crypto (in-process, Node ${process.version})`);
console.table(cryptoBench());
console.log('\nBFF over HTTP (20 connections, 5 s each, embedded database with demo data)');
console.log('Note: the embedded database is an in-memory stand-in; production throughput depends on MongoDB.');
console.table(await httpBench());
await stationSearchBench();
