/**
 * The member's answers on the phone and their trip to the server. A tap changes only the
 * phone's copy; changes go up in batches (a few seconds after the first unsaved change, and
 * at once when the member moves to another question or leaves), never one request per tap.
 * Unsaved changes are also kept in storage, so a reload of the page loses nothing the server
 * had not yet received.
 */
import Taro from '@tarojs/taro';
import type { QuizAnswers } from '@union/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../services/http';
import { saveAnswers } from '../../services/quizzes';

/** A batch leaves this long after the first change it carries. */
export const SAVE_DELAY_MS = 5000;

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

const stashKey = (attemptId: string) => `union.quiz.unsaved.${attemptId}`;

function readStash(attemptId: string): QuizAnswers {
  const stored: unknown = Taro.getStorageSync(stashKey(attemptId));
  return stored && typeof stored === 'object' ? (stored as QuizAnswers) : {};
}

const sameLetters = (a: readonly string[] | undefined, b: readonly string[]) =>
  (a ?? []).length === b.length && (a ?? []).every((letter, i) => letter === b[i]);

interface SyncEvents {
  /** A save came back: its `serverNow` re-syncs the countdown. */
  onSaved: (serverNow: string) => void;
  /** The server refuses answers (409): time is up, or the paper was submitted elsewhere. */
  onClosed: () => void;
}

export function useAnswerSync(attemptId: string, events: SyncEvents) {
  const [answers, setAnswers] = useState<QuizAnswers>({});
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const current = useRef<QuizAnswers>({});
  const dirty = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const on = useRef(events);
  on.current = events;

  const stash = useCallback(() => {
    const unsaved = Object.fromEntries([...dirty.current].map((id) => [id, current.current[id] ?? []]));
    if (dirty.current.size) Taro.setStorageSync(stashKey(attemptId), unsaved);
    else Taro.removeStorageSync(stashKey(attemptId));
  }, [attemptId]);

  const send = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) await inFlight.current;
    if (dirty.current.size === 0) return;
    const batch: QuizAnswers = Object.fromEntries([...dirty.current].map((id) => [id, current.current[id] ?? []]));
    const run = (async () => {
      setSaveState('saving');
      try {
        const saved = await saveAnswers(attemptId, batch);
        // A question changed again while this batch travelled stays unsaved.
        for (const [id, letters] of Object.entries(batch))
          if (sameLetters(current.current[id], letters)) dirty.current.delete(id);
        stash();
        setSaveState(dirty.current.size ? 'pending' : 'saved');
        on.current.onSaved(saved.serverNow);
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          on.current.onClosed();
          return;
        }
        // Offline or refused for a moment: the changes stay unsaved and go with the next batch.
        setSaveState('failed');
        timer.current = setTimeout(() => void send(), SAVE_DELAY_MS);
      }
    })();
    inFlight.current = run;
    try {
      await run;
    } finally {
      if (inFlight.current === run) inFlight.current = null;
    }
  }, [attemptId, stash]);

  /** The server's answers, with any change this phone had not yet sent (kept in storage) on top. */
  const begin = useCallback(
    (saved: QuizAnswers) => {
      const unsaved = readStash(attemptId);
      current.current = { ...saved, ...unsaved };
      dirty.current = new Set(Object.keys(unsaved));
      setAnswers(current.current);
      if (dirty.current.size) {
        setSaveState('pending');
        timer.current = setTimeout(() => void send(), SAVE_DELAY_MS);
      }
    },
    [attemptId, send],
  );

  const choose = useCallback(
    (questionId: string, letters: string[]) => {
      current.current = { ...current.current, [questionId]: letters as QuizAnswers[string] };
      dirty.current.add(questionId);
      setAnswers(current.current);
      stash();
      setSaveState('pending');
      timer.current ??= setTimeout(() => void send(), SAVE_DELAY_MS);
    },
    [send, stash],
  );

  /** After the paper is handed in nothing is left to save. */
  const finish = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    dirty.current.clear();
    Taro.removeStorageSync(stashKey(attemptId));
  }, [attemptId]);

  useEffect(
    () => () => {
      // Leaving the page: what is unsaved goes now (and stays in storage if that fails).
      if (dirty.current.size) void send();
      else if (timer.current) clearTimeout(timer.current);
    },
    [send],
  );

  return {
    answers,
    saveState,
    begin,
    choose,
    /** Sends unsaved changes now (moving between questions, before time runs out). */
    flush: send,
    finish,
    /** Everything the phone holds, for the submission. */
    all: () => current.current,
    hasUnsaved: () => dirty.current.size > 0,
  };
}
