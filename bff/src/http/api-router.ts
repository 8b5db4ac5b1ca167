import Router from '@koa/router';

/**
 * Every module's router. API paths match exactly, letter case included: @koa/router ignores
 * case unless told otherwise, and `/API/me` must not answer as `/api/me`.
 */
export const apiRouter = () => new Router({ sensitive: true });
