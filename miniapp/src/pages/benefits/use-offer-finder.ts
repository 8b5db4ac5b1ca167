import type { LatLng, MerchantCategory } from '@union/shared';
import { useCallback, useRef, useState } from 'react';
import { usePagedList } from '../../hooks/use-paged-list';
import { findNearbyOffers, listOffers } from '../../services/benefits';
import { LocateError, locateRider, type LocateFailure } from '../../utils/locate';

export const DEFAULT_RADIUS_METERS = 5000;
export const MAX_RADIUS_METERS = 20_000;

interface Search {
  position: LatLng | null;
  category: MerchantCategory | null;
  radius: number;
}

/**
 * The offers on the 普惠 tab: nearest first when the member's position is known (the
 * same location flow as the 驿站 tab), otherwise every offer newest first, a page at a
 * time. Each change (category, radius, a new position) starts a fresh first page.
 */
export function useOfferFinder() {
  const [search, setSearch] = useState<Search>({ position: null, category: null, radius: DEFAULT_RADIUS_METERS });
  const [locating, setLocating] = useState(false);
  const [located, setLocated] = useState(false);
  const [failure, setFailure] = useState<LocateFailure | null>(null);
  const current = useRef(search);
  // A slow answer for an old category must not replace the answer for the current one: usePagedList keeps the latest.
  const list = usePagedList(async (next: Search, cursor?: string) =>
    next.position
      ? { items: await findNearbyOffers(next.position, next.radius, next.category), nextCursor: null }
      : listOffers(next.category, cursor),
  );
  const { load: loadPage, reset } = list;

  const load = useCallback(
    (next: Search) => {
      current.current = next;
      setSearch(next);
      return loadPage(next);
    },
    [loadPage],
  );

  /** Asks for the position; when refused or failing, the last known one (if any) is kept. */
  const locate = useCallback(async (): Promise<LatLng | null> => {
    setLocating(true);
    try {
      const position = await locateRider();
      setFailure(null);
      return position;
    } catch (e) {
      setFailure(e instanceof LocateError ? e.reason : 'unavailable');
      return current.current.position;
    } finally {
      setLocating(false);
      setLocated(true);
    }
  }, []);

  /** On opening and on pull-down: members move, so the position is asked for again. */
  const refresh = useCallback(async () => {
    const position = await locate();
    await load({ ...current.current, position });
  }, [locate, load]);

  const chooseCategory = useCallback(
    (category: MerchantCategory | null) => {
      reset();
      void load({ ...current.current, category });
    },
    [load, reset],
  );

  const widen = useCallback(() => {
    void load({ ...current.current, radius: MAX_RADIUS_METERS });
  }, [load]);

  const loadMore = () => void list.loadMore();

  const retry = useCallback(() => void load(current.current), [load]);

  return {
    ...search,
    locating,
    located,
    failure,
    /** null while the first page for a new category is on its way. */
    items: list.received ? list.items : null,
    nextCursor: list.nextCursor,
    loading: list.busy,
    error: list.error,
    refresh,
    chooseCategory,
    widen,
    loadMore,
    retry,
  };
}
