import { z } from 'zod';

/** zod's built-in messages (for rules without a message of our own) in Simplified Chinese. */
export function useChineseValidationMessages(): void {
  z.config(z.locales.zhCN());
}
