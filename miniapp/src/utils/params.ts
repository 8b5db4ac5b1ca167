/**
 * A text page parameter. weapp hands query values over still percent-encoded and H5
 * already decoded; decoding twice is harmless except for a stray `%`, kept as is.
 */
export function textParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
