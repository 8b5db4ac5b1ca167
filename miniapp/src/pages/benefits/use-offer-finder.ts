import type { LatLng, MerchantCategory, OfferSummary } from '@union/shared';
import { useCallback, useRef, useState } from 'react';
import { findNearbyOffers, listOffers } from '../../services/benefits';
import { errorMessage } from '../../services/http';
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
  const [items, setItems] = useState<OfferSummary[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(search);
  // A slow answer for an old category must not replace the answer for the current one.
  const latest = useRef(0);

  const load = useCallback(async (next: Search, more?: { cursor: string }) => {
    current.current = next;
    setSearch(next);
    const call = ++latest.current;
    setLoading(true);
    try {
      if (next.position) {
        const found = await findNearbyOffers(next.position, next.radius, next.category);
        if (call !== latest.current) return;
        setItems(found);
        setNextCursor(null);
      } else {
        const page = await listOffers(next.category, more?.cursor);
        if (call !== latest.current) return;
        setItems((shown) => (more ? [...(shown ?? []), ...page.items] : page.items));
        setNextCursor(page.nextCursor);
      }
      setError(null);
    } catch (e) {
      if (call === latest.current) setError(errorMessage(e));
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, []);

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
      setItems(null);
      void load({ ...current.current, category });
    },
    [load],
  );

  const widen = useCallback(() => {
    void load({ ...current.current, radius: MAX_RADIUS_METERS });
  }, [load]);

  const loadMore = useCallback(() => {
    if (nextCursor && !loading) void load(current.current, { cursor: nextCursor });
  }, [load, nextCursor, loading]);

  const retry = useCallback(() => void load(current.current), [load]);

  return {
    ...search,
    locating,
    located,
    failure,
    items,
    nextCursor,
    loading,
    error,
    refresh,
    chooseCategory,
    widen,
    loadMore,
    retry,
  };
}
