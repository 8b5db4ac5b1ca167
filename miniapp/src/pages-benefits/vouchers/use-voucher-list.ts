import type { VoucherView } from '@union/shared';
import { useCallback, useRef, useState } from 'react';
import { usePagedList } from '../../hooks/use-paged-list';
import { fetchMyVouchers } from '../../services/benefits';

/** One tab of 我的券, a page at a time; switching tabs starts over. */
export function useVoucherList() {
  const [view, setView] = useState<VoucherView>('unused');
  const currentView = useRef(view);
  // An answer for a tab the member already left must not fill the tab they are on: usePagedList keeps the latest.
  const list = usePagedList(fetchMyVouchers);
  const { load, reset } = list;

  const choose = useCallback(
    (shown: VoucherView) => {
      currentView.current = shown;
      setView(shown);
      reset();
      void load(shown);
    },
    [load, reset],
  );

  /** The tab shown, from its first page (on show, on pull-down, after a failure). */
  const reload = useCallback(() => load(currentView.current), [load]);

  return {
    view,
    /** null while the tab's first page is on its way. */
    items: list.received ? list.items : null,
    nextCursor: list.nextCursor,
    loading: list.busy,
    error: list.error,
    choose,
    reload,
    loadMore: () => void list.loadMore(),
  };
}
