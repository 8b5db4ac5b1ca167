/// <reference types="@tarojs/taro" />

/** Injected by config/index.ts: the BFF origin for weapp, '' for H5 (same origin). */
declare const API_BASE: string;
/** Injected by config/index.ts: whether H5 offers the demo sign-in (off in production builds). */
declare const DEMO_LOGIN: boolean;
/** Injected by config/index.ts only when TARO_APP_LOCATION_APIKEY is set: Tencent's map picker in H5. */
declare const LOCATION_APIKEY: string | undefined;

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | undefined;
    TARO_APP_API_BASE?: string;
    TARO_APP_DEMO_LOGIN?: string;
    TARO_APP_LOCATION_APIKEY?: string;
  }
}
