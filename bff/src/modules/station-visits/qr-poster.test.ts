import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { posterCode, setUpStations } from './visit-fixtures';

// The QR decoder and PNG reader are the end-to-end scripts' dependencies; borrowed here to read the poster back.
const requireFromScripts = createRequire(new URL('../../../../scripts/package.json', import.meta.url));
const jsQR = requireFromScripts('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => any;
const { PNG } = requireFromScripts('pngjs') as {
  PNG: { sync: { read(bytes: Buffer): { width: number; height: number; data: Buffer } } };
};

let api: TestApi;
let world: Awaited<ReturnType<typeof setUpStations>>;

const PUBLIC_BASE_URL = 'https://union.example.cn';
const VERIFY_FILE = { name: 'Xb3kLm9PqR.txt', content: '5f1d2c3b4a5968778695a4b3c2d1e0f9' };

beforeAll(async () => {
  api = await startTestApi({
    PUBLIC_BASE_URL,
    WECHAT_LINK_VERIFY_FILE: `${VERIFY_FILE.name}:${VERIFY_FILE.content}`,
  });
  world = await setUpStations(api);
});
afterAll(() => api.stop());

async function poster(stationId: string, token: string) {
  const response = await fetch(`${api.url}/api/staff/stations/${stationId}/qr-poster`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('the printable check-in QR poster', () => {
  it('is a PNG whose QR is a link under PUBLIC_BASE_URL that checks a rider in at that station', async () => {
    const { xixiA } = world.stations;
    const { response, bytes } = await poster(xixiA.id, world.tokens.xixiKeeper);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toContain(`station-${xixiA.id}.png`);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const image = PNG.sync.read(bytes);
    expect(image.width).toBeGreaterThanOrEqual(800);
    const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    // A link, so that WeChat's own scanner opens something: the mini-program or the H5 page.
    expect(qr?.data).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/s/ST1\\.${xixiA.id}\\.[\\w-]{22}$`));

    const checkIn = await api.request('POST', '/api/station-check-ins', {
      token: world.tokens.rider,
      body: { stationCode: qr.data },
    });
    expect(checkIn.status).toBe(200);
    expect(checkIn.body).toMatchObject({ stationId: xixiA.id, stationName: '西溪驿站', counted: true });
  });

  it('has a link that a browser follows to the H5 check-in page with the code', async () => {
    const code = posterCode(api, world.stations.xixiA.id);
    const response = await fetch(`${api.url}/s/${code}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/#/pages-stations/check-in/index?code=${code}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves other addresses under /s/ alone, except the file WeChat checks the link rule with', async () => {
    const notACode = await fetch(`${api.url}/s/ST1.not-a-code`, { redirect: 'manual' });
    expect(notACode.status).toBe(404);
    const verification = await fetch(`${api.url}/s/${VERIFY_FILE.name}`);
    expect(verification.status).toBe(200);
    expect(verification.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await verification.text()).toBe(VERIFY_FILE.content);
  });

  it('is printed by union staff over the station too, but not by riders', async () => {
    const { xixiA } = world.stations;
    expect((await poster(xixiA.id, world.tokens.cityAdmin)).response.status).toBe(200);
    expect((await poster(xixiA.id, world.tokens.rider)).response.status).toBe(403);
  });
});
