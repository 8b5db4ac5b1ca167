import type { LatLng, StationSummary } from '@union/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../services/http';
import { findNearbyStations, type StationFilters } from '../../services/stations';

/** The list under the map: nearest open first, then nearest closed; reloaded whenever the origin, radius or filters change. */
export function useNearbyStations(from: LatLng | null, radiusMeters: number, filters: StationFilters) {
  const [items, setItems] = useState<StationSummary[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A slow answer for an old filter must not replace the answer for the current one.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (!from) return;
    const call = ++latest.current;
    setLoading(true);
    try {
      const found = await findNearbyStations(from, radiusMeters, filters);
      if (call !== latest.current) return;
      setItems(found);
      setError(null);
    } catch (e) {
      if (call === latest.current) setError(errorMessage(e));
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, [from, radiusMeters, filters]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { items, loading, error, reload };
}
