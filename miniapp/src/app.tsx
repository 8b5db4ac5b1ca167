import { useLaunch } from '@tarojs/taro';
import { useChineseValidationMessages } from '@union/shared';
import type { PropsWithChildren } from 'react';
import { watchPrivacyAuthorization } from './components/PrivacyPopup/privacy-request';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  // zod's built-in messages (for rules without our own wording) in Simplified Chinese.
  useChineseValidationMessages();
  useLaunch(() => watchPrivacyAuthorization());
  return children;
}
