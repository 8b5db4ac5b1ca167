/**
 * Reading a QR code with the phone's camera. weapp: WeChat's own scanner. H5: the browser
 * camera (getUserMedia) with the decoders of qr-pixels.ts, loaded on demand so they weigh
 * nothing until someone scans, and never reach the weapp build (see decodeQrFromCamera).
 * The on-screen part of H5 scanning lives in components/QrScanner.
 */
import Taro from '@tarojs/taro';

/** Why the H5 camera could not be used; each has its own Chinese explanation in QrScanner. */
export type CameraProblem = 'refused' | 'no_camera' | 'busy' | 'insecure' | 'unsupported';

export class CameraUnavailableError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(`camera unavailable: ${problem}`);
  }
}

/** WeChat's scanner; null when the user cancels. */
export async function scanWithWechat(): Promise<string | null> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result || null;
  } catch {
    return null;
  }
}

/** Maps getUserMedia's DOMException names (and older browsers' spellings) to what we tell the user. */
export function cameraProblemOf(error: unknown): CameraProblem {
  if (error instanceof CameraUnavailableError) return error.problem;
  const name = (error as { name?: string } | null)?.name ?? '';
  if (['NotAllowedError', 'PermissionDeniedError', 'SecurityError'].includes(name)) return 'refused';
  if (['NotFoundError', 'DevicesNotFoundError', 'OverconstrainedError'].includes(name)) return 'no_camera';
  if (['NotReadableError', 'TrackStartError', 'AbortError'].includes(name)) return 'busy';
  return 'unsupported';
}

/** Asks the browser for the rear camera; throws CameraUnavailableError or getUserMedia's own error. */
export async function openRearCamera(): Promise<MediaStream> {
  // Browsers expose the camera only to https pages (and localhost).
  if (typeof window !== 'undefined' && window.isSecureContext === false) throw new CameraUnavailableError('insecure');
  const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!media?.getUserMedia) throw new CameraUnavailableError('unsupported');
  return media.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
}

export interface QrDecoding {
  stop(): void;
}

/** How often a frame is taken from the camera and searched for a QR code. */
const SCAN_INTERVAL_MS = 150;

/**
 * Shows the camera in `video` and calls `onText` with each QR read from it until stopped.
 * The decoders are imported lazily, inside a branch the weapp build (TARO_ENV 'weapp') drops.
 * Frames are taken here, so the preview plays the way phones allow it (muted, inline) and a
 * paused preview is still read.
 */
export async function decodeQrFromCamera(
  stream: MediaStream,
  video: HTMLVideoElement,
  onText: (text: string) => void,
): Promise<QrDecoding> {
  if (process.env.TARO_ENV !== 'weapp') {
    const { readQrFromPixels } = await import('./qr-pixels');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    const frame = document.createElement('canvas');
    // Read back every frame: the browser keeps such a canvas in memory rather than on the GPU.
    const context = frame.getContext('2d', { willReadFrequently: true });
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const readFrame = () => {
      if (stopped) return;
      if (context && video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
        // Resizing clears and reallocates the canvas: only when the camera's size changes.
        if (frame.width !== video.videoWidth) frame.width = video.videoWidth;
        if (frame.height !== video.videoHeight) frame.height = video.videoHeight;
        context.drawImage(video, 0, 0);
        const text = readQrFromPixels(context.getImageData(0, 0, frame.width, frame.height));
        if (text) onText(text);
      }
      if (!stopped) timer = setTimeout(readFrame, SCAN_INTERVAL_MS);
    };
    readFrame();
    return {
      stop() {
        stopped = true;
        clearTimeout(timer);
        video.srcObject = null;
      },
    };
  }
  throw new CameraUnavailableError('unsupported');
}

export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
