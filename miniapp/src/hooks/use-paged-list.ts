import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../services/http';

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

const NOTHING: never[] = [];

/**
 * A list read a page at a time: a load without a cursor starts over, with one it appends.
 * Only the latest call's answer is kept, so a slow answer for filters already left is dropped.
 * `loadMore` and `reload` repeat the filter of the last load.
 */
export function usePagedList<Item, Filter>(fetchPage: (filter: Filter, cursor?: string) => Promise<Page<Item>>) {
  /** null until the first page since the last reset arrives. */
  const [received, setReceived] = useState<Item[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  const lastFilter = useRef<{ filter: Filter } | null>(null);
  // The page may pass a new closure on every render; the latest one is used.
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const load = useCallback(async (filter: Filter, cursor?: string) => {
    lastFilter.current = { filter };
    const call = ++latest.current;
    setBusy(true);
    try {
      const page = await fetcher.current(filter, cursor);
      if (call !== latest.current) return;
      setReceived((current) => (cursor ? [...(current ?? []), ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      if (call === latest.current) setError(errorMessage(e));
    } finally {
      if (call === latest.current) {
        setBusy(false);
        setLoaded(true);
      }
    }
  }, []);

  /** The next page for the last filter; nothing while a load runs or when there is none. */
  const loadMore = useCallback(() => {
    if (!nextCursor || busy || !lastFilter.current) return Promise.resolve();
    return load(lastFilter.current.filter, nextCursor);
  }, [load, nextCursor, busy]);

  /** The first page again for the last filter (on show, on pull-down). */
  const reload = useCallback(() => {
    if (!lastFilter.current) return Promise.resolve();
    return load(lastFilter.current.filter);
  }, [load]);

  /** Forget what is shown (switching tabs): the list reads as not yet loaded until the next answer. */
  const reset = useCallback(() => {
    setReceived(null);
    setNextCursor(null);
    setLoaded(false);
  }, []);

  return {
    items: received ?? (NOTHING as Item[]),
    /** False until a first page (since the last reset) has arrived: the list is still loading. */
    received: received !== null,
    nextCursor,
    loaded,
    error,
    busy,
    load,
    loadMore,
    reload,
    reset,
  };
}
