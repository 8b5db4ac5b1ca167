import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import {
  CameraUnavailableError,
  cameraProblemOf,
  decodeQrFromCamera,
  openRearCamera,
  stopCamera,
  type CameraProblem,
  type QrDecoding,
} from '../../utils/scan-qr';

interface CameraOverlayProps {
  title: string;
  onText: (text: string) => void;
  onCancel: () => void;
  onProblem: (problem: CameraProblem) => void;
}

/** H5 only: the rear camera full screen with a viewfinder, until a QR is read or the user cancels. */
export function CameraOverlay({ title, onText, onCancel, onProblem }: CameraOverlayProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [live, setLive] = useState(false);
  // The parent's callbacks change identity as it re-renders; the camera must not restart each time.
  const owner = useRef({ onText, onProblem });
  owner.current = { onText, onProblem };

  useEffect(() => {
    let stream: MediaStream | null = null;
    let decoding: QrDecoding | null = null;
    let closed = false;
    const release = () => {
      decoding?.stop();
      if (stream) stopCamera(stream);
    };
    void (async () => {
      try {
        stream = await openRearCamera();
        if (closed || !video.current) return release();
        let done = false;
        decoding = await decodeQrFromCamera(stream, video.current, (text) => {
          // The decoder keeps reporting the same code every frame: hand over the first only.
          if (done || closed) return;
          done = true;
          owner.current.onText(text);
        });
        if (closed) return release();
        setLive(true);
      } catch (error) {
        release();
        const problem = cameraProblemOf(error);
        // Anything but a known camera refusal is a fault worth seeing in the browser's console.
        if (problem === 'unsupported' && !(error instanceof CameraUnavailableError)) {
          console.error('QR scanning could not start', error);
        }
        if (!closed) owner.current.onProblem(problem);
      }
    })();
    return () => {
      closed = true;
      release();
    };
  }, []);

  return (
    <View className="qr-scanner" data-testid="qr-scanner">
      <Text className="qr-scanner__title">{title}</Text>
      <View className="qr-scanner__view">
        {/* A plain DOM <video>: only rendered in H5, where Taro renders to the DOM. */}
        <video ref={video} className="qr-scanner__video" autoPlay muted playsInline />
        <View className="qr-scanner__frame" />
      </View>
      <Text className="qr-scanner__hint" data-testid="qr-scanner-hint">
        {live ? '将二维码放入框内，即可自动识别' : '正在打开摄像头…（如浏览器询问，请允许使用摄像头）'}
      </Text>
      <Button className="btn qr-scanner__cancel" onClick={onCancel} data-testid="qr-scanner-cancel">
        取消扫码
      </Button>
    </View>
  );
}
