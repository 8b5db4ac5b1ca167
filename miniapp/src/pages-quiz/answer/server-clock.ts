/**
 * The paper's countdown runs on the server's clock: a phone set five minutes fast (or slow)
 * must neither submit early nor believe it has time the server will not give. Each answer
 * carrying `serverNow` resets the offset between the two clocks.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** Server time minus phone time, in ms, measured when an answer carrying `serverNow` arrived. */
export function clockOffsetMs(serverNowIso: string, receivedAtLocalMs: number): number {
  return Date.parse(serverNowIso) - receivedAtLocalMs;
}

/** Milliseconds left before the deadline, by the server's clock as the phone estimates it. */
export function remainingMs(deadlineIso: string, offsetMs: number, localNowMs: number): number {
  return Date.parse(deadlineIso) - (localNowMs + offsetMs);
}

const TICK_MS = 1000;

/**
 * Milliseconds left, re-read every second. `sync` takes a fresh `serverNow` (from a save) so
 * the countdown follows the server even if the phone's clock jumps meanwhile.
 */
export function useServerCountdown(deadline: string | null, serverNow: string | null) {
  const offset = useRef(0);
  const [left, setLeft] = useState<number | null>(null);
  const deadlineRef = useRef(deadline);
  deadlineRef.current = deadline;

  const tick = useCallback(() => {
    if (deadlineRef.current) setLeft(remainingMs(deadlineRef.current, offset.current, Date.now()));
  }, []);

  const sync = useCallback(
    (now: string) => {
      offset.current = clockOffsetMs(now, Date.now());
      tick();
    },
    [tick],
  );

  useEffect(() => {
    if (serverNow) offset.current = clockOffsetMs(serverNow, Date.now());
    tick();
  }, [serverNow, deadline, tick]);

  useEffect(() => {
    if (!deadline) return;
    const timer = setInterval(tick, TICK_MS);
    return () => clearInterval(timer);
  }, [deadline, tick]);

  return { left, sync };
}
