import Taro from '@tarojs/taro';
import type { AidApplication } from '@union/shared';
import { useEffect, useRef, useState } from 'react';
import { saveDraft } from '../../services/aid';
import { ApiError, errorMessage } from '../../services/http';
import { saveLocalDraft } from './draft-store';
import { draftFrom, type AidFormValues } from './form-model';

export type SaveState = 'idle' | 'saving' | 'saved' | 'offline' | 'failed';

/**
 * Sends the draft to the server when a step or field group is left. Every change is
 * kept on the phone first; a save that cannot reach the server is retried when the
 * connection comes back (and on the next save), so nothing typed is lost.
 */
export function useDraftSync(applicationId: string | null, onSaved: (application: AidApplication) => void) {
  const [state, setState] = useState<SaveState>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  // Refs, not state: saves run from listeners and right after loading, before a re-render.
  const idRef = useRef(applicationId);
  if (applicationId) idRef.current = applicationId;
  const latest = useRef<{ values: AidFormValues; step: number } | null>(null);
  const unsent = useRef(false);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  /** Every keystroke: kept locally and marked unsent. */
  function remember(values: AidFormValues, step: number) {
    latest.current = { values, step };
    unsent.current = true;
    if (idRef.current) saveLocalDraft(idRef.current, { values, step, unsent: true });
  }

  /** Sends what is unsent; true when the server has it. */
  async function flush(): Promise<boolean> {
    const id = idRef.current;
    if (!id || !latest.current || !unsent.current) return true;
    const sending = latest.current;
    setState('saving');
    try {
      const saved = await saveDraft(id, draftFrom(sending.values));
      // Typed on while the request was out: that newer text stays unsent.
      if (latest.current === sending) {
        unsent.current = false;
        saveLocalDraft(id, { ...sending, unsent: false });
      }
      setState('saved');
      setFailure(null);
      onSavedRef.current(saved);
      return true;
    } catch (e) {
      const offline = e instanceof ApiError && e.isNetworkError;
      setState(offline ? 'offline' : 'failed');
      setFailure(offline ? null : errorMessage(e));
      return false;
    }
  }

  const flushRef = useRef(flush);
  flushRef.current = flush;

  useEffect(() => {
    const retry = (res: { isConnected: boolean }) => {
      if (res.isConnected) void flushRef.current();
    };
    Taro.onNetworkStatusChange(retry);
    return () => Taro.offNetworkStatusChange(retry);
  }, []);

  /** Restores what was on the phone; `pending` re-sends a draft the server never confirmed. */
  function restore(id: string, values: AidFormValues, step: number, pending: boolean) {
    idRef.current = id;
    latest.current = { values, step };
    unsent.current = pending;
    if (pending) void flushRef.current();
  }

  return { state, failure, remember, flush, restore };
}
