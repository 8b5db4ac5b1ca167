import type { Voucher, VoucherView } from '@union/shared';
import { useCallback, useRef, useState } from 'react';
import { fetchMyVouchers } from '../../services/benefits';
import { errorMessage } from '../../services/http';

/** One tab of 我的券, a page at a time; switching tabs starts over. */
export function useVoucherList() {
  const [view, setView] = useState<VoucherView>('unused');
  const [items, setItems] = useState<Voucher[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const currentView = useRef(view);
  // An answer for a tab the member already left must not fill the tab they are on.
  const latest = useRef(0);

  const load = useCallback(async (shown: VoucherView, cursor?: string) => {
    currentView.current = shown;
    setView(shown);
    const call = ++latest.current;
    setLoading(true);
    try {
      const page = await fetchMyVouchers(shown, cursor);
      if (call !== latest.current) return;
      setItems((before) => (cursor ? [...(before ?? []), ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      if (call === latest.current) setError(errorMessage(e));
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, []);

  const choose = useCallback(
    (shown: VoucherView) => {
      setItems(null);
      setNextCursor(null);
      void load(shown);
    },
    [load],
  );

  const reload = useCallback(() => load(currentView.current), [load]);
  const loadMore = useCallback(() => {
    if (nextCursor && !loading) void load(currentView.current, nextCursor);
  }, [load, nextCursor, loading]);

  return { view, items, nextCursor, loading, error, choose, reload, loadMore };
}
