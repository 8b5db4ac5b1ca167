/**
 * What signing in needs beyond drawing the login page: the contract's request schemas
 * (and with them zod) to check what was typed, and the auth service that sends it.
 * Loaded through load-sign-in.ts, so the first screen carries none of it.
 */
export { DevLoginRequestSchema, PasswordLoginRequestSchema } from '@union/shared';
export { signInAsDemoUser, signInWithPassword, signInWithWechat } from '../../services/auth';
export { fieldErrorsFromZod } from '../../utils/form-errors';
