import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_STATION } from '@union/shared';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff, type OrgTree } from '../../../test/fixtures';
import { StationModel } from '../stations/station.model';
import { makePng, sendBytes, SMALL_JPEG, stationBody } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let xihu: string;
let binjiang: string;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  await createStaff('xihu_staff', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('binjiang_staff', [{ role: 'union_staff', org: orgs.binjiang }]);
  xihu = await loginStaff(api, 'xihu_staff');
  binjiang = await loginStaff(api, 'binjiang_staff');
});
afterAll(() => api.stop());

async function newStation(name: string): Promise<string> {
  const response = await api.request('POST', '/api/staff/stations', {
    token: xihu,
    body: stationBody(orgs.xixi.id, { name }),
  });
  expect(response.status).toBe(200);
  return response.body.id;
}

const upload = (stationId: string, bytes: Uint8Array, contentType = 'image/png', token = xihu) =>
  sendBytes(api, 'POST', `/api/staff/stations/${stationId}/photos`, { token, bytes, contentType });

async function fetchPhoto(url: string) {
  const response = await fetch(api.url + url);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('station photos', () => {
  it('stores a PNG and a JPEG and serves them back byte for byte, to anyone, with their types', async () => {
    const stationId = await newStation('照片驿站');
    const png = makePng(3);
    const first = await upload(stationId, png);
    expect(first.status).toBe(200);
    expect(first.body.photos).toHaveLength(1);
    // Declared as PNG but the bytes are a JPEG: the bytes decide.
    const second = await upload(stationId, SMALL_JPEG, 'image/png');
    expect(second.status).toBe(200);
    expect(second.body.photos).toHaveLength(2);

    const [pngPhoto, jpegPhoto] = second.body.photos;
    expect(pngPhoto.url).toBe(`/api/station-photos/${pngPhoto.id}`);
    const servedPng = await fetchPhoto(pngPhoto.url);
    expect(servedPng.status).toBe(200);
    expect(servedPng.headers.get('content-type')).toBe('image/png');
    expect(servedPng.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(servedPng.bytes.equals(png)).toBe(true);
    const servedJpeg = await fetchPhoto(jpegPhoto.url);
    expect(servedJpeg.headers.get('content-type')).toBe('image/jpeg');
    expect(servedJpeg.bytes.equals(SMALL_JPEG)).toBe(true);
  });

  it('refuses a renamed executable with 415', async () => {
    const stationId = await newStation('防病毒驿站');
    const windowsExe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)]);
    const linuxElf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]), Buffer.alloc(512, 0)]);
    for (const bytes of [windowsExe, linuxElf]) {
      const response = await upload(stationId, bytes, 'image/png');
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe('unsupported_file');
    }
    expect((await StationModel.findById(stationId).lean())!.photos).toEqual([]);
  });

  it('refuses a photo over 5 MB with 413', async () => {
    const stationId = await newStation('大照片驿站');
    const huge = Buffer.concat([makePng(), Buffer.alloc(MAX_PHOTO_BYTES, 0)]);
    const response = await upload(stationId, huge).catch((error: Error) => ({ status: 0, error }));
    expect(response.status).toBe(413);
    expect((await StationModel.findById(stationId).lean())!.photos).toEqual([]);
  });

  it('deletes a photo: it leaves the station and is no longer served', async () => {
    const stationId = await newStation('删照片驿站');
    const uploaded = await upload(stationId, makePng());
    const photo = uploaded.body.photos[0];
    const deleted = await api.request('DELETE', `/api/staff/stations/${stationId}/photos/${photo.id}`, { token: xihu });
    expect(deleted.status).toBe(200);
    expect(deleted.body.photos).toEqual([]);
    expect((await fetchPhoto(photo.url)).status).toBe(404);
    const again = await api.request('DELETE', `/api/staff/stations/${stationId}/photos/${photo.id}`, { token: xihu });
    expect(again.status).toBe(404);
  });

  it(`loses no photo when uploads race, and keeps at most ${MAX_PHOTOS_PER_STATION}`, async () => {
    const stationId = await newStation('满照片驿站');
    const responses = await Promise.all(
      Array.from({ length: MAX_PHOTOS_PER_STATION + 2 }, (_, index) => upload(stationId, makePng(index + 1))),
    );
    const accepted = responses.filter((response) => response.status === 200);
    expect(responses.every((response) => [200, 409].includes(response.status))).toBe(true);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThanOrEqual(MAX_PHOTOS_PER_STATION);
    // Each accepted upload added one photo and a refused one none. (An answer lists the station as
    // read back after the write, which a parallel upload may already have extended, so the last
    // photo listed is not necessarily this upload's.)
    const stored = (await StationModel.findById(stationId).lean())!.photos.map((photo) => String(photo._id));
    expect(stored).toHaveLength(accepted.length);
    const answered = new Set(
      accepted.flatMap((response) => response.body.photos.map((photo: { id: string }) => photo.id)),
    );
    expect(stored.every((id) => answered.has(id))).toBe(true);

    for (let count = stored.length; count < MAX_PHOTOS_PER_STATION; count++) {
      expect((await upload(stationId, makePng())).status).toBe(200);
    }
    const full = await upload(stationId, makePng());
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('too_many_photos');
  });

  it('keeps photos of other districts’ stations out of reach', async () => {
    const stationId = await newStation('邻区驿站');
    const uploaded = await upload(stationId, makePng());
    expect((await upload(stationId, makePng(), 'image/png', binjiang)).status).toBe(404);
    const photoId = uploaded.body.photos[0].id;
    const deleted = await api.request('DELETE', `/api/staff/stations/${stationId}/photos/${photoId}`, {
      token: binjiang,
    });
    expect(deleted.status).toBe(404);
    expect((await StationModel.findById(stationId).lean())!.photos).toHaveLength(1);
  });

  it('answers 404 for an unknown photo and 400 for a malformed id', async () => {
    expect((await fetchPhoto('/api/station-photos/0123456789abcdef01234567')).status).toBe(404);
    expect((await fetchPhoto('/api/station-photos/not-an-id')).status).toBe(400);
  });

  it('keeps photos when the station is edited', async () => {
    const stationId = await newStation('编辑后仍有照片');
    await upload(stationId, makePng());
    const updated = await api.request('PUT', `/api/staff/stations/${stationId}`, {
      token: xihu,
      body: stationBody(orgs.xixi.id, { name: '编辑后仍有照片（新名）' }),
    });
    expect(updated.body.photos).toHaveLength(1);
  });
});
