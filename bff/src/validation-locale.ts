/**
 * Imported for its effect: zod's built-in messages (for rules without a message of the
 * contract's own) become the same plain Chinese the mini-program shows, because clients
 * show `details[].message` as it is. Every module that turns zod issues into messages for
 * a client imports this (validate.ts does), so it is in place before the first request.
 */
import { useChineseValidationMessages } from '@union/shared';

useChineseValidationMessages();
