/**
 * Line breaking for the certificate's SVG, which has no text flow of its own. Widths are
 * estimated from the character classes (CJK is one em; Latin narrower, and over-estimated so a
 * line never runs past the frame), with the usual Chinese rules: closing punctuation never starts
 * a line (it hangs at the end of the previous one), opening punctuation never ends one, and a
 * Latin word or number is kept whole unless it is longer than a line.
 */

export interface TextRun {
  text: string;
  /** The look of the run; the template maps it to SVG attributes. */
  style: 'plain' | 'strong' | 'award';
  /** Kept on one line when it fits on one (an award, a name). */
  keep?: boolean;
}

export type TextLine = TextRun[];

const CLOSING = new Set([...'，。、；：！？）》」』”’…—,.;:!?)']);
const OPENING = new Set([...'（《「『“‘(']);
const WORD = /[A-Za-z0-9@#&+\-_.]/;

/** A character's advance in em, rounded up for the Latin letters of a CJK font. */
function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) {
    if (char === ' ') return 0.3;
    if (/[A-Z]/.test(char)) return 0.72;
    return 0.6;
  }
  // Latin-1 and general punctuation are narrow in the font too, except the full-width quotes.
  if (code < 0x2000 && code !== 0xb7) return 0.62;
  return 1;
}

export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += charWidth(char);
  return em * fontSize;
}

/** XML 1.0 forbids most control characters and lone surrogates; the SVG parser would reject them. */
export function cleanText(text: string): string {
  let clean = '';
  // Iterating by code point leaves a lone surrogate as a one-unit string, which is how it is found.
  for (const char of text.replace(/[\t\n\r]+/g, ' ')) {
    const code = char.codePointAt(0)!;
    const lone = char.length === 1 && code >= 0xd800 && code <= 0xdfff;
    if (code >= 0x20 && code !== 0x7f && code !== 0xfffe && code !== 0xffff && !lone) clean += char;
  }
  return clean.trim();
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

interface Unit {
  text: string;
  style: TextRun['style'];
  width: number;
}

function unitsOf(runs: TextRun[], fontSize: number): Unit[] {
  const units: Unit[] = [];
  for (const run of runs) {
    const text = cleanText(run.text);
    if (run.keep && text) {
      units.push({ text, style: run.style, width: textWidth(text, fontSize) });
      continue;
    }
    for (const char of text) {
      const last = units.at(-1);
      if (last && last.style === run.style && WORD.test(char) && WORD.test(last.text.at(-1) ?? '')) {
        last.text += char;
        last.width += textWidth(char, fontSize);
      } else {
        units.push({ text: char, style: run.style, width: textWidth(char, fontSize) });
      }
    }
  }
  return units;
}

/** Splits a unit wider than any line (a long number or URL) into pieces that fit. */
function splitWide(unit: Unit, maxWidth: number, fontSize: number): Unit[] {
  if (unit.width <= maxWidth) return [unit];
  const pieces: Unit[] = [];
  let current = '';
  for (const char of unit.text) {
    if (current && textWidth(current + char, fontSize) > maxWidth) {
      pieces.push({ ...unit, text: current, width: textWidth(current, fontSize) });
      current = '';
    }
    current += char;
  }
  if (current) pieces.push({ ...unit, text: current, width: textWidth(current, fontSize) });
  return pieces;
}

function joinRuns(units: Unit[]): TextLine {
  const line: TextLine = [];
  for (const unit of units) {
    const last = line.at(-1);
    if (last && last.style === unit.style) last.text += unit.text;
    else line.push({ text: unit.text, style: unit.style });
  }
  return line;
}

/**
 * Breaks styled text into lines no wider than `maxWidth`; the first line starts `indent` further
 * in (the two-character indent of a Chinese paragraph).
 */
export function wrapRuns(runs: TextRun[], fontSize: number, maxWidth: number, indent = 0): TextLine[] {
  const lines: Unit[][] = [];
  let line: Unit[] = [];
  let used = indent;
  for (const whole of unitsOf(runs, fontSize)) {
    for (const unit of splitWide(whole, maxWidth - indent, fontSize)) {
      if (used + unit.width <= maxWidth || line.length === 0 || CLOSING.has(unit.text)) {
        line.push(unit);
        used += unit.width;
        continue;
      }
      // An opening bracket goes down with the word it opens.
      const carried = line.length > 1 && OPENING.has(line.at(-1)!.text) ? [line.pop()!] : [];
      lines.push(line);
      line = [...carried, unit];
      used = line.reduce((sum, each) => sum + each.width, 0);
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.map((units) => joinRuns(units)).filter((each) => each.length > 0);
}
