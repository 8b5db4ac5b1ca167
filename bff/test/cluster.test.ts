/**
 * What several instances share, tested across three of them behind a round-robin proxy:
 * contended claims never oversell and replays answer alike wherever they land, a refresh
 * token rotated on one instance and replayed on another revokes the family, and a station
 * edited on one instance is found on the others once their indexes have polled.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, createStaff, loginStaff, loginWechat, type OrgTree } from './fixtures';
import { startCluster, type TestCluster } from './cluster';
import { OfferModel } from '../src/modules/offers/offer.model';
import { VoucherModel } from '../src/modules/vouchers/voucher.model';
import { createMerchant, createOffer, memberSession, type MemberSession } from '../src/modules/vouchers/test-support';
import { stationBody } from '../src/modules/station-admin/test-support';

const ENV = { RATE_LIMIT_STORE: 'mongo', RATE_LIMIT_SCALE: '100', STATION_INDEX_POLL_MS: '100' };

let cluster: TestCluster;
let orgs: OrgTree;

beforeAll(async () => {
  cluster = await startCluster(ENV);
  orgs = await createOrgTree();
}, 120_000);
afterAll(() => cluster?.stop());

async function send(base: string, method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('three instances behind a round-robin proxy', () => {
  it('issue exactly the stock of a contended offer, and answer a replayed claim alike on any instance', async () => {
    const offer = await createOffer(await createMerchant(orgs.xihuTech, '西溪便民超市'), {
      stockTotal: 10,
      limitPerMember: 1,
    });
    const members: MemberSession[] = [];
    for (let n = 0; n < 24; n += 1) members.push(await memberSession(cluster.api, orgs.xihuTech, `会员${n}`));
    const claims = members.map((member) => ({ member, requestId: randomUUID() }));
    const path = `/api/benefits/offers/${String(offer._id)}/claims`;
    // All at once through the proxy, then each request replayed (landing on another instance).
    const firsts = await Promise.all(
      claims.map(({ member, requestId }) =>
        send(cluster.proxyUrl, 'POST', path, { token: member.token, body: { requestId } }),
      ),
    );
    const replays = await Promise.all(
      claims.map(({ member, requestId }) =>
        send(cluster.proxyUrl, 'POST', path, { token: member.token, body: { requestId } }),
      ),
    );
    expect(firsts.filter((answer) => answer.status === 200)).toHaveLength(10);
    expect(firsts.filter((answer) => answer.status !== 200).map((answer) => answer.status)).toEqual(
      Array(14).fill(409),
    );
    replays.forEach((replay, n) => {
      expect(replay.status).toBe(firsts[n]!.status);
      if (replay.status === 200) expect(replay.body.id).toBe(firsts[n]!.body.id);
    });
    const issued = await VoucherModel.countDocuments({ offerId: offer._id });
    expect(issued).toBe(10);
    expect((await OfferModel.findById(offer._id).lean())!.stockRemaining).toBe(0);
    const perMember = await VoucherModel.aggregate<{ count: number }>([
      { $match: { offerId: offer._id } },
      { $group: { _id: '$memberId', count: { $sum: 1 } } },
    ]);
    expect(perMember.every((row) => row.count === 1)).toBe(true);
  }, 120_000);

  it('revokes the token family when a refresh rotated on one instance is replayed on another', async () => {
    const { session } = await loginWechat(cluster.api, `wx-cluster-${randomUUID().slice(0, 8)}`);
    const [a, b, c] = cluster.urls as [string, string, string];
    const rotated = await send(a, 'POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(rotated.status).toBe(200);
    const replay = await send(b, 'POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('refresh_token_reused');
    expect(
      (await send(c, 'POST', '/api/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } })).status,
    ).toBe(401);
    expect((await send(c, 'GET', '/api/me', { token: rotated.body.accessToken })).status).toBe(401);
  });

  it('finds a station edited on one instance on the others once their indexes polled', async () => {
    await createStaff('cluster_station_admin', [{ role: 'union_staff', org: orgs.xihu }]);
    const staff = await loginStaff(cluster.api, 'cluster_station_admin');
    const [a, ...others] = cluster.urls as [string, ...string[]];
    const location = { lat: 30.3011, lng: 120.1122 };
    const created = await send(a, 'POST', '/api/staff/stations', {
      token: staff,
      body: stationBody(orgs.xixi.id, { name: '集群测试驿站', location }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const renamed = await send(a, 'PUT', `/api/staff/stations/${created.body.id}`, {
      token: staff,
      body: stationBody(orgs.xixi.id, { name: '集群测试驿站（改名）', location }),
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);

    const nearby = `/api/stations/nearby?lat=${location.lat}&lng=${location.lng}&radius=2000`;
    for (const url of others) {
      let names: string[] = [];
      for (let attempt = 0; attempt < 100 && !names.includes('集群测试驿站（改名）'); attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        names = (await send(url, 'GET', nearby)).body.items.map((item: { name: string }) => item.name);
      }
      expect(names).toContain('集群测试驿站（改名）');
      expect(names).not.toContain('集群测试驿站');
    }
  });

  it('keeps its own connections to clients, as nginx does: an instance’s keep-alive is not passed on', async () => {
    const direct = await fetch(`${cluster.urls[1]}/healthz`);
    const proxied = await fetch(`${cluster.proxyUrl}/healthz`);
    await Promise.all([direct.text(), proxied.text()]);
    // The instance keeps idle connections 65 s; the proxy closes its own after Node's 5 s. A
    // client told 65 s by the proxy sent requests on connections the proxy was closing.
    expect(direct.headers.get('keep-alive')).toBe('timeout=65');
    expect(proxied.headers.get('keep-alive')).toBe('timeout=5');
  });
});
