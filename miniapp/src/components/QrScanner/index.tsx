import { Text } from '@tarojs/components';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { isWeapp } from '../../utils/platform';
import { scanWithWechat, type CameraProblem } from '../../utils/scan-qr';
import { CameraOverlay } from './CameraOverlay';
import './index.css';

/** What to tell the user when the H5 camera cannot be used; typing or pasting always remains. */
export const CAMERA_PROBLEM_MESSAGES: Record<CameraProblem, string> = {
  refused: '未获得摄像头权限，无法扫码。可在浏览器设置中允许本网站使用摄像头后重试，或在下方手动输入。',
  no_camera: '没有找到可用的摄像头，请在下方手动输入。',
  busy: '摄像头正被其他应用占用，请关闭后重试，或在下方手动输入。',
  insecure: '当前网页不是安全连接（https），浏览器不允许使用摄像头，请在下方手动输入。',
  unsupported: '此浏览器不支持摄像头扫码，请在下方手动输入。',
};

interface QrScanner {
  /** Resolves with the QR's text, or null when cancelled or the camera could not be used. */
  scan: () => Promise<string | null>;
  /** Render once in the page: the H5 camera while scanning, or why the camera failed. */
  scannerView: ReactNode;
}

/**
 * One way to scan for every page that reads a QR (check-in, card verification, voucher
 * redemption): WeChat's scanner in weapp, the browser camera in H5.
 */
export function useQrScanner(title = '扫描二维码'): QrScanner {
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const pending = useRef<((text: string | null) => void) | null>(null);

  const finish = useCallback((text: string | null, failure: CameraProblem | null = null) => {
    setScanning(false);
    setProblem(failure);
    pending.current?.(text);
    pending.current = null;
  }, []);

  const scan = useCallback(async () => {
    setProblem(null);
    if (isWeapp()) return scanWithWechat();
    pending.current?.(null);
    return new Promise<string | null>((resolve) => {
      pending.current = resolve;
      setScanning(true);
    });
  }, []);

  let scannerView: ReactNode = null;
  if (scanning) {
    scannerView = (
      <CameraOverlay
        title={title}
        onText={(text) => finish(text)}
        onCancel={() => finish(null)}
        onProblem={(failure) => finish(null, failure)}
      />
    );
  } else if (problem) {
    scannerView = (
      <Text className="notice notice--warn" data-testid="scan-camera-problem" data-problem={problem}>
        {CAMERA_PROBLEM_MESSAGES[problem]}
      </Text>
    );
  }
  return { scan, scannerView };
}
