/**
 * Koa's own query-string parser (what `ctx.query` is made with), which @types/koa does not
 * declare: tests compare the nearby route's reader with it.
 */
declare module 'koa/lib/search-params.js' {
  const searchParams: {
    parse(querystring: string): Record<string, string | string[]>;
    stringify(query: Record<string, unknown>): string;
  };
  export default searchParams;
}
