/** Money arrives and leaves in fen (integers); people read and type yuan. */

/** `¥1,234.50` — always two decimals, thousands grouped. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/**
 * Typed yuan to fen, by the digits rather than through floating point (0.29 × 100 is
 * 28.999…). Null when it is not an amount with at most two decimals.
 */
export function yuanToFen(text: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(text.trim().replace(/,/g, ''));
  if (!match) return null;
  const [, yuan = '0', cents = ''] = match;
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'));
}

/** Fen back into what the member typed: 123450 → `1234.50`, 123400 → `1234`. */
export function fenToYuanInput(fen: number): string {
  const cents = fen % 100;
  return cents === 0 ? String(fen / 100) : `${Math.floor(fen / 100)}.${String(cents).padStart(2, '0')}`;
}
