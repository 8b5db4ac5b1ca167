import { useRef, useState } from 'react';
import { errorMessage } from '../services/http';

interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/**
 * A staff list read a page at a time: a load without a cursor starts over, with one it appends.
 * Only the latest call's answer is kept, so a slow answer for filters already left is dropped.
 */
export function usePagedList<Item, Filter>(fetchPage: (filter: Filter, cursor?: string) => Promise<Page<Item>>) {
  const [items, setItems] = useState<Item[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  async function load(filter: Filter, cursor?: string) {
    const call = ++latest.current;
    setBusy(true);
    try {
      const page = await fetchPage(filter, cursor);
      if (call !== latest.current) return;
      setItems((current) => (cursor ? [...current, ...page.items] : page.items));
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
  }

  return { items, nextCursor, loaded, error, busy, load };
}
