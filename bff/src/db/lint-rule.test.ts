/** The rule that keeps every conditional change on the atomic primitive holds where it should. */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedCalls(code: string, filePath: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-syntax').length;
}

describe('ESLint: conditional changes go through db/conditional-update.ts', () => {
  it('fails a conditional findOneAndUpdate in a module', async () => {
    const code = `export const take = (Offer: any, id: string) =>
  Offer.findOneAndUpdate({ _id: id, stockRemaining: { $gte: 1 } }, { $inc: { stockRemaining: -1 } }, { new: true });\n`;
    expect(await restrictedCalls(code, 'bff/src/modules/offers/example.ts')).toBe(1);
  });

  it('fails findByIdAndUpdate and findOneAndDelete as well', async () => {
    const code = `export const a = (M: any) => M.findByIdAndUpdate('x', { $set: { s: 1 } });
export const b = (M: any) => M.findOneAndDelete({ s: 1 });\n`;
    expect(await restrictedCalls(code, 'bff/test/example.ts')).toBe(2);
  });

  it('accepts the primitive', async () => {
    const code = `import { updateIf } from '../../db/conditional-update';
export const take = (Offer: any, id: string) =>
  updateIf(Offer, { key: { _id: id }, when: { stockRemaining: { $gte: 1 } } }, { $inc: { stockRemaining: -1 } });\n`;
    expect(await restrictedCalls(code, 'bff/src/modules/offers/example.ts')).toBe(0);
  });
});
