import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { StationDetail } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
import { signInAs, stationKeeper, unionStaff } from '../../../../test/staff-fixtures';
import { STATION_ID, stationDetail } from '../../../../test/station-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import StaffStationPage from './index';

interface Sent {
  method: string;
  path: string;
  body: unknown;
  contentType?: string;
}

/** Serves one station's staff endpoints; `failNext` makes the next walk-in fail as configured. */
function serveStation(initial: StationDetail = stationDetail()) {
  let station = initial;
  const sent: Sent[] = [];
  const walkInFailures: ('network' | 'refused')[] = [];
  taroTest.respondWith(({ method, path, body, contentType }) => {
    if (method === 'GET' && path === `/api/stations/${STATION_ID}`) return { statusCode: 200, data: station };
    sent.push({ method, path, body, contentType });
    if (path.endsWith('/walk-ins')) {
      const failure = walkInFailures.shift();
      if (failure === 'network') throw new Error('request:fail timeout');
      if (failure === 'refused') {
        return { statusCode: 400, data: { error: { code: 'validation_failed', message: '一次最多登记 200 人次' } } };
      }
      return { statusCode: 200, data: { ok: true } };
    }
    if (path.endsWith('/close')) station = { ...station, status: 'closed' };
    if (path.endsWith('/reopen')) station = { ...station, status: 'open' };
    if (path.endsWith('/photos')) {
      station = {
        ...station,
        photos: [...station.photos, { id: 'p2', url: '/api/station-photos/64b7f0c2a1b2c3d4e5f6d002' }],
      };
    }
    return { statusCode: 200, data: station };
  });
  return { sent, walkInFailures };
}

function openStation() {
  taroTest.setRouterParams({ id: STATION_ID });
  render(<StaffStationPage />);
  return screen.findByTestId('staff-station-summary');
}

async function recordWalkIns(count: string) {
  fireEvent.change(screen.getByTestId('walk-in-count'), { target: { value: count } });
  fireEvent.click(screen.getByTestId('walk-in-submit'));
}

const walkInBodies = (sent: Sent[]) =>
  sent.filter((s) => s.path.endsWith('/walk-ins')).map((s) => s.body as { count: number; requestId: string });

describe('驿站工作台', () => {
  it('retries a walk-in that hit a network error with the same requestId, so it counts once', async () => {
    signInAs(stationKeeper());
    const { sent, walkInFailures } = serveStation();
    walkInFailures.push('network');
    await openStation();

    await recordWalkIns('3');
    expect((await screen.findByTestId('walk-in-error')).textContent).toContain('不会重复计数');
    fireEvent.click(screen.getByTestId('walk-in-submit'));

    expect((await screen.findByTestId('walk-in-result')).textContent).toBe('已登记 3 人次');
    const [first, retry] = walkInBodies(sent);
    expect(first?.count).toBe(3);
    expect(retry).toEqual(first);
    expect(first?.requestId).toMatch(/^[\w-]{8,64}$/);
  });

  it('gives a new submission a new requestId', async () => {
    signInAs(stationKeeper());
    const { sent } = serveStation();
    await openStation();

    await recordWalkIns('2');
    await screen.findByTestId('walk-in-result');
    await recordWalkIns('2');
    await waitFor(() => expect(walkInBodies(sent)).toHaveLength(2));

    const [first, second] = walkInBodies(sent);
    expect(second?.requestId).not.toBe(first?.requestId);
  });

  it('starts over with a new requestId after the BFF refuses a walk-in', async () => {
    signInAs(stationKeeper());
    const { sent, walkInFailures } = serveStation();
    walkInFailures.push('refused');
    await openStation();

    await recordWalkIns('5');
    expect((await screen.findByTestId('walk-in-error')).textContent).toBe('一次最多登记 200 人次');
    fireEvent.click(screen.getByTestId('walk-in-submit'));
    await screen.findByTestId('walk-in-result');

    const [refused, retried] = walkInBodies(sent);
    expect(retried?.requestId).not.toBe(refused?.requestId);
  });

  it('checks the count before sending', async () => {
    signInAs(stationKeeper());
    const { sent } = serveStation();
    await openStation();

    await recordWalkIns('0');

    expect(screen.getByTestId('walk-in-error').textContent).toBe('人数至少为 1');
    expect(sent).toEqual([]);
  });

  it('lets a keeper record visitors and open the poster, but not edit, close or change photos', async () => {
    signInAs(stationKeeper());
    serveStation();
    await openStation();

    expect(screen.getByTestId('walk-in')).toBeTruthy();
    expect(screen.queryByTestId('staff-station-edit')).toBeNull();
    expect(screen.queryByTestId('staff-station-close')).toBeNull();
    expect(screen.queryByTestId('staff-photos')).toBeNull();

    fireEvent.click(screen.getByTestId('staff-station-poster'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages-staff/stations/poster/index?id=${STATION_ID}&name=${encodeURIComponent('西溪路工会驿站')}`,
    });
  });

  it('closes a station only with a reason, and reopens it', async () => {
    signInAs(unionStaff());
    const { sent } = serveStation();
    await openStation();

    fireEvent.click(screen.getByTestId('staff-station-close'));
    fireEvent.click(screen.getByTestId('staff-close-confirm'));
    expect(screen.getByText('请说明停用原因')).toBeTruthy();
    fireEvent.change(screen.getByTestId('staff-close-reason'), { target: { value: '装修暂停服务' } });
    fireEvent.click(screen.getByTestId('staff-close-confirm'));

    fireEvent.click(await screen.findByTestId('staff-station-reopen'));
    await screen.findByTestId('staff-station-close');
    expect(sent.map((s) => [s.path, s.body])).toEqual([
      [`/api/staff/stations/${STATION_ID}/close`, { reason: '装修暂停服务' }],
      [`/api/staff/stations/${STATION_ID}/reopen`, undefined],
    ]);
  });

  it('uploads a photo chosen in the browser as the raw file', async () => {
    signInAs(unionStaff());
    const { sent } = serveStation();
    await openStation();

    const photo = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'front.PNG', { type: 'image/png' });
    fireEvent.change(screen.getByTestId('staff-photo-file'), { target: { files: [photo] } });

    await waitFor(() => expect(screen.getAllByTestId('staff-photo')).toHaveLength(2));
    expect(sent).toEqual([
      { method: 'POST', path: `/api/staff/stations/${STATION_ID}/photos`, body: photo, contentType: 'image/png' },
    ]);
  });

  it('reads the chosen photo and sends its bytes as JPEG in weapp, not as a multipart form', async () => {
    process.env.TARO_ENV = 'weapp';
    signInAs(unionStaff());
    const { sent } = serveStation();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]).buffer;
    taroTest.files.set('wxfile://tmp/photo-1', bytes);
    vi.mocked(Taro.chooseImage).mockResolvedValue({
      tempFilePaths: ['wxfile://tmp/photo-1'],
      tempFiles: [{ path: 'wxfile://tmp/photo-1', size: 4 }],
    } as unknown as Awaited<ReturnType<typeof Taro.chooseImage>>);
    await openStation();

    fireEvent.click(screen.getByTestId('staff-photo-upload'));

    await waitFor(() => expect(screen.getAllByTestId('staff-photo')).toHaveLength(2));
    expect(sent[0]).toMatchObject({ body: bytes, contentType: 'image/jpeg' });
  });
});
