import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeQrFromCamera } from '../../utils/scan-qr';
import { useQrScanner } from './index';

vi.mock('../../utils/scan-qr', async (original) => ({
  ...(await original<typeof import('../../utils/scan-qr')>()),
  decodeQrFromCamera: vi.fn(),
}));

/** A page that scans and shows what it read. */
function ScanningPage() {
  const { scan, scannerView } = useQrScanner('扫描会员卡二维码');
  const [read, setRead] = useState<string | null | undefined>(undefined);
  return (
    <div>
      <button data-testid="scan" onClick={() => void scan().then(setRead)} />
      <span data-testid="read">{read === undefined ? 'pending' : String(read)}</span>
      {scannerView}
    </div>
  );
}

function cameraThat(getUserMedia: () => Promise<MediaStream>) {
  Object.defineProperty(navigator, 'mediaDevices', {
    value: { getUserMedia: vi.fn(getUserMedia) },
    configurable: true,
  });
}

function fakeStream() {
  const track = { stop: vi.fn() };
  return { stream: { getTracks: () => [track] } as unknown as MediaStream, track };
}

afterEach(() => {
  Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
  vi.mocked(decodeQrFromCamera).mockReset();
});

describe('scanning a QR code in H5', () => {
  it('explains a refused camera permission and leaves typing to the page', async () => {
    cameraThat(() => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')));
    render(<ScanningPage />);

    fireEvent.click(screen.getByTestId('scan'));

    const problem = await screen.findByTestId('scan-camera-problem');
    expect(problem.textContent).toContain('未获得摄像头权限');
    expect(problem.textContent).toContain('手动输入');
    expect(screen.queryByTestId('qr-scanner')).toBeNull();
    expect(screen.getByTestId('read').textContent).toBe('null');
  });

  it('says so when the browser has no camera API at all', async () => {
    render(<ScanningPage />);

    fireEvent.click(screen.getByTestId('scan'));

    expect((await screen.findByTestId('scan-camera-problem')).getAttribute('data-problem')).toBe('unsupported');
  });

  it('reads the QR from the rear camera, hands over the first reading and turns the camera off', async () => {
    const { stream, track } = fakeStream();
    cameraThat(async () => stream);
    let report: (text: string) => void = () => {};
    const stop = vi.fn();
    vi.mocked(decodeQrFromCamera).mockImplementation(async (_stream, _video, onText) => {
      report = onText;
      return { stop };
    });
    render(<ScanningPage />);

    fireEvent.click(screen.getByTestId('scan'));
    await waitFor(() => expect(screen.getByTestId('qr-scanner-hint').textContent).toContain('放入框内'));
    expect(navigator.mediaDevices.getUserMedia).toHaveBeenCalledWith({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    });
    act(() => {
      report('UC1.scanned');
      report('UC1.scanned');
    });

    await waitFor(() => expect(screen.getByTestId('read').textContent).toBe('UC1.scanned'));
    expect(screen.queryByTestId('qr-scanner')).toBeNull();
    expect(stop).toHaveBeenCalled();
    expect(track.stop).toHaveBeenCalled();
  });

  it('turns the camera off when the user cancels', async () => {
    const { stream, track } = fakeStream();
    cameraThat(async () => stream);
    vi.mocked(decodeQrFromCamera).mockResolvedValue({ stop: vi.fn() });
    render(<ScanningPage />);

    fireEvent.click(screen.getByTestId('scan'));
    await waitFor(() => expect(screen.getByTestId('qr-scanner-hint').textContent).toContain('放入框内'));
    fireEvent.click(screen.getByTestId('qr-scanner-cancel'));

    await waitFor(() => expect(screen.getByTestId('read').textContent).toBe('null'));
    expect(track.stop).toHaveBeenCalled();
    expect(screen.queryByTestId('scan-camera-problem')).toBeNull();
  });
});

describe('scanning a QR code in weapp', () => {
  it("uses WeChat's own scanner", async () => {
    process.env.TARO_ENV = 'weapp';
    vi.mocked(Taro.scanCode).mockResolvedValue({ result: 'ST1.poster' } as never);
    render(<ScanningPage />);

    fireEvent.click(screen.getByTestId('scan'));

    await waitFor(() => expect(screen.getByTestId('read').textContent).toBe('ST1.poster'));
    expect(screen.queryByTestId('qr-scanner')).toBeNull();
  });
});
