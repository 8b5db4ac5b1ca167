import { describe, expect, it } from 'vitest';
import { cleanText, escapeXml, textWidth, wrapRuns, type TextLine } from './certificate-text';

const plain = (line: TextLine) => line.map((run) => run.text).join('');

describe('certificate line breaking', () => {
  const title = '杭州市西湖区二〇二六年度“匠心杯”职工职业技能竞赛暨第十二届电工技能大比武总决赛。';

  it('keeps every line within the width and loses no character', () => {
    const lines = wrapRuns([{ text: title, style: 'plain' }], 40, 400, 80);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.map(plain).join('')).toBe(title);
    lines.forEach((line, index) => {
      const indent = index === 0 ? 80 : 0;
      // Closing punctuation may hang one character past the edge, as in print.
      const withoutHanging = plain(line).replace(/[，。、；：！？）》」』”’]$/, '');
      expect(indent + textWidth(withoutHanging, 40)).toBeLessThanOrEqual(400);
    });
  });

  it('never starts a line with closing punctuation nor ends one with an opening one', () => {
    for (let width = 200; width <= 600; width += 20) {
      for (const line of wrapRuns([{ text: `${title}（决赛）`, style: 'plain' }], 40, width).map(plain)) {
        expect(line).not.toMatch(/^[，。、；：！？）》」』”’]/);
        expect(line).not.toMatch(/[（《「『“‘]$/);
      }
    }
  });

  it('keeps an award on one line when it fits', () => {
    for (let width = 200; width <= 600; width += 20) {
      const lines = wrapRuns(
        [
          { text: '在职工电工技能竞赛中荣获', style: 'plain' },
          { text: '优秀组织奖', style: 'award', keep: true },
        ],
        40,
        width,
      );
      expect(lines.some((line) => line.some((run) => run.style === 'award' && run.text === '优秀组织奖'))).toBe(true);
    }
  });

  it('splits a word longer than a line rather than overflow', () => {
    const word = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const lines = wrapRuns([{ text: word, style: 'plain' }], 40, 300);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map(plain).join('')).toBe(word);
    for (const line of lines) expect(textWidth(plain(line), 40)).toBeLessThanOrEqual(300);
  });

  it('drops characters XML cannot carry and escapes markup', () => {
    expect(cleanText('张\u0000伟\u0007\n同志\uD800')).toBe('张伟 同志');
    expect(cleanText('𠮷野家')).toBe('𠮷野家');
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
