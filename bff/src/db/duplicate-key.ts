/** E11000: a unique index refused a second document with the same key (the database decided). */
export function isDuplicateKeyError(caught: unknown): boolean {
  return (caught as { code?: number })?.code === 11000;
}
