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

export function useRouter() {
  return { params: routerParams, path: '' };
}

/** Test helpers (not part of Taro). */
export const taroTest = {
  storage,
  setRouterParams(params: Record<string, string>) {
    routerParams = params;
  },
  reset() {
    storage.clear();
    routerParams = {};
    for (const fn of Object.values(Taro)) fn.mockClear();
    Taro.request.mockReset();
    Taro.showModal.mockImplementation(async () => ({ confirm: true, cancel: false }));
    Taro.getCurrentPages.mockImplementation(() => [{ route: 'pages/home/index' }]);
  },
  /**
   * Programs `Taro.request`: the handler sees method and path (no origin, no query)
   * and returns a response, or throws to simulate a network failure.
   */
  respondWith(
    handler: (call: { method: string; path: string; query: string; body: unknown; token?: string }) => MockResponse,
  ) {
    Taro.request.mockImplementation(async (options) => {
      const [path = '', query = ''] = options.url.split('?');
      const token = options.header?.Authorization?.replace(/^Bearer /, '');
      return handler({ method: (options.method ?? 'GET').toUpperCase(), path, query, body: options.data, token });
    });
  },
};
