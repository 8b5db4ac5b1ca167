/**
 * A stand-in for @tarojs/taro in vitest: storage is an in-memory map, navigation and
 * feedback are spies, and `request` is a spy each test programs with `respondWith`.
 * Page lifecycle hooks run like effects on mount.
 */
import { useEffect } from 'react';
import { vi } from 'vitest';

const storage = new Map<string, unknown>();
let routerParams: Record<string, string> = {};

export interface MockResponse {
  statusCode: number;
  data: unknown;
}

const Taro = {
  request:
    vi.fn<
      (options: {
        url: string;
        method?: string;
        data?: unknown;
        header?: Record<string, string>;
        responseType?: string;
      }) => Promise<MockResponse>
    >(),
  getStorageSync: vi.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: vi.fn((key: string, value: unknown) => void storage.set(key, structuredClone(value))),
  removeStorageSync: vi.fn((key: string) => void storage.delete(key)),
  showToast: vi.fn(async () => ({})),
  showModal: vi.fn(async () => ({ confirm: true, cancel: false })),
  showLoading: vi.fn(async () => ({})),
  hideLoading: vi.fn(async () => ({})),
  navigateTo: vi.fn(async () => ({})),
  redirectTo: vi.fn(async () => ({})),
  switchTab: vi.fn(async () => ({})),
  reLaunch: vi.fn(async () => ({})),
  navigateBack: vi.fn(async () => ({})),
  getCurrentPages: vi.fn(() => [{ route: 'pages/home/index' }]),
  login: vi.fn(async () => ({ code: 'wx-code-for-test', errMsg: 'login:ok' })),
  scanCode: vi.fn(async () => ({ result: '' })),
  setKeepScreenOn: vi.fn(async () => ({})),
  getScreenBrightness: vi.fn(async () => ({ value: 0.5 })),
  setScreenBrightness: vi.fn(async () => ({})),
  onNeedPrivacyAuthorization: vi.fn(),
  openPrivacyContract: vi.fn(),
  // Location: tests program getLocation; the others record what the page asked for.
  getLocation: vi.fn<(options: { type?: string }) => Promise<{ latitude: number; longitude: number }>>(),
  openLocation: vi.fn(
    async (_options: { latitude: number; longitude: number; name?: string; address?: string }) => ({}),
  ),
  chooseLocation: vi.fn(async () => ({ name: '', address: '', latitude: 0, longitude: 0 })),
  openSetting: vi.fn(async () => ({ authSetting: {} })),
  // Album and sharing (certificates): tests program the album's answer, e.g. a refused permission.
  saveImageToPhotosAlbum: vi.fn(async (_options: { filePath: string }) => ({ errMsg: 'saveImageToPhotosAlbum:ok' })),
  showShareImageMenu: vi.fn(async (_options: { path: string }) => ({})),
  makePhoneCall: vi.fn(async (_options: { phoneNumber: string }) => ({})),
  createMapContext: vi.fn(() => ({ getRegion: vi.fn(async () => ({})), moveToLocation: vi.fn() })),
  stopPullDownRefresh: vi.fn(),
  setClipboardData: vi.fn(async (_options: { data: string }) => ({})),
  // Files: chooseImage/chooseMessageFile hand out paths; the file system reads what `files` holds.
  chooseImage: vi.fn(async () => ({
    tempFilePaths: [] as string[],
    tempFiles: [] as { path: string; size: number }[],
  })),
  chooseMessageFile: vi.fn(async () => ({ tempFiles: [] as { path: string; name: string; size: number }[] })),
  getFileSystemManager: vi.fn(() => fileSystem),
  chooseMedia: vi.fn(async () => ({ tempFiles: [] as { tempFilePath: string; size: number }[] })),
  previewImage: vi.fn(async (_options: { urls: string[]; current?: string }) => ({})),
  openDocument: vi.fn(async (_options: { filePath: string; fileType?: string }) => ({})),
  downloadFile: vi.fn(async (options: { url: string }) => ({
    statusCode: 200,
    tempFilePath: `wxfile://tmp/${options.url.length}`,
  })),
  requestSubscribeMessage: vi.fn(async (_options: { tmplIds: string[] }) => ({ errMsg: 'ok' })),
  // Network: pages listen for the connection coming back; tests call taroTest.networkBack().
  onNetworkStatusChange: vi.fn((listener: NetworkListener) => void networkListeners.add(listener)),
  offNetworkStatusChange: vi.fn((listener: NetworkListener) => void networkListeners.delete(listener)),
  env: { USER_DATA_PATH: 'wxfile://usr' },
};

type NetworkListener = (res: { isConnected: boolean; networkType: string }) => void;
const networkListeners = new Set<NetworkListener>();

/** Files "on the phone" for the weapp file-system stand-in, by path. */
const files = new Map<string, ArrayBuffer>();

const fileSystem = {
  readFile: vi.fn(
    (options: {
      filePath: string;
      success?: (res: { data: ArrayBuffer }) => void;
      fail?: (err: { errMsg: string }) => void;
    }) => {
      const data = files.get(options.filePath);
      if (data) options.success?.({ data });
      else options.fail?.({ errMsg: 'readFile:fail no such file or directory' });
    },
  ),
  writeFile: vi.fn((options: { filePath: string; data: ArrayBuffer; success?: () => void }) => {
    files.set(options.filePath, options.data);
    options.success?.();
  }),
};

export default Taro;

export function useDidShow(callback: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => callback(), []);
}

export function useDidHide(callback: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => () => callback(), []);
}

export function useLoad(callback: (params: Record<string, string>) => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => callback(routerParams), []);
}

export function useLaunch(callback: () => void): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => callback(), []);
}

export function usePullDownRefresh(callback: () => void): void {
  // Tests pull by calling taroTest.pullDown().
  useEffect(() => {
    pullDownHandlers.add(callback);
    return () => void pullDownHandlers.delete(callback);
  });
}

const pullDownHandlers = new Set<() => void>();

/** Share handlers the page declared (weapp's 转发), for tests to read: taroTest.shareMessage(). */
let shareHandler: (() => unknown) | null = null;
export function useShareAppMessage(callback: () => unknown): void {
  shareHandler = callback;
}

export function useRouter() {
  return { params: routerParams, path: '' };
}

/** Test helpers (not part of Taro). */
export const taroTest = {
  storage,
  files,
  fileSystem,
  setRouterParams(params: Record<string, string>) {
    routerParams = params;
  },
  reset() {
    storage.clear();
    routerParams = {};
    files.clear();
    for (const fn of [...Object.values(Taro), ...Object.values(fileSystem)])
      if (typeof fn === 'function') fn.mockClear();
    Taro.request.mockReset();
    Taro.getLocation.mockReset();
    Taro.chooseLocation.mockReset();
    Taro.chooseImage.mockReset();
    Taro.chooseMessageFile.mockReset();
    Taro.chooseMedia.mockReset();
    networkListeners.clear();
    Taro.scanCode.mockReset();
    Taro.saveImageToPhotosAlbum.mockReset();
    Taro.saveImageToPhotosAlbum.mockImplementation(async () => ({ errMsg: 'saveImageToPhotosAlbum:ok' }));
    shareHandler = null;
    Taro.showModal.mockImplementation(async () => ({ confirm: true, cancel: false }));
    Taro.getCurrentPages.mockImplementation(() => [{ route: 'pages/home/index' }]);
  },
  /** The phone reconnects: fires onNetworkStatusChange listeners. */
  networkBack() {
    networkListeners.forEach((listener) => listener({ isConnected: true, networkType: 'wifi' }));
  },
  /** What the page would share from weapp's 转发 menu (null when it declared none). */
  shareMessage(): unknown {
    return shareHandler?.() ?? null;
  },
  /** Fires the page's pull-down-refresh handlers, as dragging the page down does. */
  pullDown() {
    pullDownHandlers.forEach((handler) => handler());
  },
  /**
   * Programs `Taro.request`: the handler sees method and path (no origin, no query)
   * and returns a response, or throws to simulate a network failure.
   */
  respondWith(
    handler: (call: {
      method: string;
      path: string;
      query: string;
      body: unknown;
      token?: string;
      contentType?: string;
      responseType?: string;
    }) => MockResponse | Promise<MockResponse>,
  ) {
    Taro.request.mockImplementation(async (options) => {
      const [path = '', query = ''] = options.url.split('?');
      const token = options.header?.Authorization?.replace(/^Bearer /, '');
      return handler({
        method: (options.method ?? 'GET').toUpperCase(),
        path,
        query,
        body: options.data,
        token,
        contentType: options.header?.['Content-Type'],
        responseType: options.responseType,
      });
    });
  },
};
