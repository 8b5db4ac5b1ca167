/**
 * The form as last typed, kept on the phone per application. It survives a closed page
 * or a dead connection; `unsent` says the server has not confirmed it yet, so reopening
 * shows it instead of the older server copy and sends it again.
 */
import Taro from '@tarojs/taro';
import type { AidFormValues } from './form-model';

export interface LocalDraft {
  values: AidFormValues;
  step: number;
  unsent: boolean;
}

const key = (applicationId: string) => `union.aid-draft.${applicationId}`;

export function loadLocalDraft(applicationId: string): LocalDraft | null {
  const stored: unknown = Taro.getStorageSync(key(applicationId));
  return stored && typeof stored === 'object' ? (stored as LocalDraft) : null;
}

export function saveLocalDraft(applicationId: string, draft: LocalDraft): void {
  try {
    Taro.setStorageSync(key(applicationId), draft);
  } catch {
    // Storage full: the server copy still holds everything confirmed so far.
  }
}

export function clearLocalDraft(applicationId: string): void {
  Taro.removeStorageSync(key(applicationId));
}
