/**
 * The sign-in code (sign-in.ts) as a chunk of its own in H5: prefetched once the login
 * page is drawn, so it is there by the first tap. In weapp, babel turns import() into
 * require() and it ships in the main package as before.
 */
export const loadSignIn = () => import(/* webpackPrefetch: true */ './sign-in');
