/**
 * The score sheet as the judge types it (text per item) and its reading into the contract's
 * SheetScores, checked by the same shared rules the BFF applies (validateSheet, sheetTotal).
 */
import { sheetTotal, validateSheet, type RoundScoring, type SheetScores } from '@union/shared';

/** Text per rubric item id, or under VALUE_KEY for a plain score or a measure. */
export type SheetInputs = Record<string, string>;
export const VALUE_KEY = 'value';

const NUMBER_PATTERN = /^\d+(\.\d+)?$/;

export function inputsFromScores(scoring: RoundScoring, scores: SheetScores): SheetInputs {
  const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  if (scoring.kind !== 'rubric') return { [VALUE_KEY]: text(scores.value) };
  return Object.fromEntries(scoring.items.map((item) => [item.id, text(scores.items[item.id])]));
}

/** Error messages keyed like the inputs; text that is not a number never reaches the rules. */
export type SheetErrors = Record<string, string>;

export function readSheet(
  scoring: RoundScoring,
  inputs: SheetInputs,
  complete: boolean,
): { scores: SheetScores; errors: SheetErrors } {
  const errors: SheetErrors = {};
  const parse = (key: string): number | null => {
    const text = (inputs[key] ?? '').trim();
    if (text === '') return null;
    if (!NUMBER_PATTERN.test(text)) {
      errors[key] = '请填写数字';
      return null;
    }
    return Number(text);
  };
  const scores: SheetScores =
    scoring.kind === 'rubric'
      ? { items: Object.fromEntries(scoring.items.map((item) => [item.id, parse(item.id)])), value: null }
      : { items: {}, value: parse(VALUE_KEY) };
  for (const issue of validateSheet(scoring, scores, complete)) {
    const key = issue.path.replace(/^items\./, '');
    if (!errors[key]) errors[key] = issue.message;
  }
  return { scores, errors };
}

/** The running total while typing: null until every part holds a number. */
export function liveTotal(scoring: RoundScoring, inputs: SheetInputs): number | null {
  const { scores } = readSheet(scoring, inputs, false);
  return sheetTotal(scoring, scores);
}

/** The BFF's 422 details (`body.items.skill`, `body.value`) keyed like the inputs. */
export function errorsFromDetails(details: readonly { path: string; message: string }[]): SheetErrors {
  const errors: SheetErrors = {};
  for (const { path, message } of details) {
    const key = path.replace(/^body\./, '').replace(/^items\./, '');
    if (key && !errors[key]) errors[key] = message;
  }
  return errors;
}
