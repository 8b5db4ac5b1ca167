import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { watchPrivacyAuthorization } from './components/PrivacyPopup/privacy-request';
import { cancelScriptLinkNavigation } from './utils/script-links';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  // zod's Chinese messages are set by services/http.ts, which loads the contract: the
  // launch itself needs no zod, so the first screen stays light.
  useLaunch(() => {
    watchPrivacyAuthorization();
    if (process.env.TARO_ENV === 'h5') cancelScriptLinkNavigation(document);
  });
  return children;
}
