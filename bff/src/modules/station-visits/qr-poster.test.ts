import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { setUpStations } from './visit-fixtures';

// The QR decoder and PNG reader are the end-to-end scripts' dependencies; borrowed here to read the poster back.
const requireFromScripts = createRequire(new URL('../../../../scripts/package.json', import.meta.url));
const jsQR = requireFromScripts('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => any;
const { PNG } = requireFromScripts('pngjs') as {
  PNG: { sync: { read(bytes: Buffer): { width: number; height: number; data: Buffer } } };
};

let api: TestApi;
let world: Awaited<ReturnType<typeof setUpStations>>;

beforeAll(async () => {
  api = await startTestApi();
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
  it('is a PNG whose QR code checks a rider in at that station', async () => {
    const { xixiA } = world.stations;
    const { response, bytes } = await poster(xixiA.id, world.tokens.xixiKeeper);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toContain(`station-${xixiA.id}.png`);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const image = PNG.sync.read(bytes);
    expect(image.width).toBeGreaterThanOrEqual(800);
    const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(qr?.data).toMatch(/^ST1\./);

    const checkIn = await api.request('POST', '/api/station-check-ins', {
      token: world.tokens.rider,
      body: { stationCode: qr.data },
    });
    expect(checkIn.status).toBe(200);
    expect(checkIn.body).toMatchObject({ stationId: xixiA.id, stationName: '西溪驿站', counted: true });
  });

  it('is printed by union staff over the station too, but not by riders', async () => {
    const { xixiA } = world.stations;
    expect((await poster(xixiA.id, world.tokens.cityAdmin)).response.status).toBe(200);
    expect((await poster(xixiA.id, world.tokens.rider)).response.status).toBe(403);
  });
});
