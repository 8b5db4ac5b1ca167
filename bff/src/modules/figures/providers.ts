/**
 * What features tell the figures besides their metrics (registered in connect-modules.ts, as
 * metrics are): a state now that has no daily history (stations by status, merchants under
 * contract, an org's recorded employee count), and the readable names of a metric's keys (a
 * tier id, a station id, an occupation).
 */
import type { Types } from 'mongoose';

/** Key → value of a state now, over the org's subtree. */
export type FigureSnapshot = (orgId: Types.ObjectId) => Promise<Map<string, number>>;
/** Key → name, for the keys asked (unknown keys may be left out). */
export type FigureKeyLabels = (keys: string[]) => Promise<Map<string, string>> | Map<string, string>;

const snapshots = new Map<string, FigureSnapshot>();
const keyLabels = new Map<string, FigureKeyLabels>();

export function registerFigureSnapshot(name: string, snapshot: FigureSnapshot): void {
  snapshots.set(name, snapshot);
}

export const figureSnapshot = (name: string): FigureSnapshot | undefined => snapshots.get(name);

export function registerFigureKeyLabels(metric: string, labels: FigureKeyLabels): void {
  keyLabels.set(metric, labels);
}

export async function labelsOfKeys(metric: string, keys: string[]): Promise<Map<string, string>> {
  const labels = keyLabels.get(metric);
  return labels ? await labels(keys) : new Map();
}
