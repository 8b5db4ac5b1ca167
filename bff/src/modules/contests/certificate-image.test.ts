import { existsSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CERTIFICATE_HEIGHT,
  CERTIFICATE_WIDTH,
  CertificateFontMissingError,
  certificateSvg,
  renderCertificatePng,
  type CertificateContent,
} from './certificate-image';

const content: CertificateContent = {
  unionName: '杭州市西湖区西溪街道总工会',
  contestTitle: '2026年职工电工技能竞赛',
  groupName: '电工组',
  award: '一等奖',
  holderName: '张伟',
  issuedOn: '2026年12月4日',
  verifyUrl: 'https://union.example.cn/c/AY2j7wQx0Lr3b9ZkP1sT4uVwXyZa0b1c2d3e4f5g6h7i8j9k0l1m2n3o4p5',
  certificateNo: 'JS2026-000123',
};
// 40 characters: the longest title an organiser is likely to type.
const LONG_TITLE = '杭州市西湖区二〇二六年度“匠心杯”职工职业技能竞赛暨第十二届电工技能大比武总决赛';

const decode = (png: Buffer) => PNG.sync.read(png);

/** Whether a pixel is ink (text, QR) rather than the cream paper or a pale line. */
function isInk(image: PNG, x: number, y: number): boolean {
  const at = (y * image.width + x) * 4;
  const [r, g, b] = [image.data[at]!, image.data[at + 1]!, image.data[at + 2]!];
  return r + g + b < 3 * 150;
}

function inkIn(image: PNG, box: { x0: number; x1: number; y0: number; y1: number }): number {
  let count = 0;
  for (let y = box.y0; y < box.y1; y += 1) for (let x = box.x0; x < box.x1; x += 1) if (isInk(image, x, y)) count += 1;
  return count;
}

/** The number of separate bands of rows carrying ink: the lines of text a reader sees. */
function textLinesIn(image: PNG, box: { x0: number; x1: number; y0: number; y1: number }): number {
  let lines = 0;
  let inLine = false;
  for (let y = box.y0; y < box.y1; y += 1) {
    let inked = false;
    for (let x = box.x0; x < box.x1 && !inked; x += 1) inked = isInk(image, x, y);
    if (inked && !inLine) lines += 1;
    inLine = inked;
  }
  return lines;
}

const BODY = { x0: 150, x1: CERTIFICATE_WIDTH - 150, y0: 480, y1: 1230 };
/** Between the body's right edge and the gold rules: paper only, however long the title. */
const RIGHT_MARGIN = { x0: CERTIFICATE_WIDTH - 160, x1: CERTIFICATE_WIDTH - 100, y0: 480, y1: 1230 };

describe('certificate image', () => {
  let png: Buffer;
  let image: PNG;

  // The first render also finds and probes the font; on a loaded machine that takes seconds.
  beforeAll(async () => {
    png = await renderCertificatePng(content);
    image = decode(png);
  }, 60_000);

  it('is an A4 portrait PNG of a size a phone saves quickly', () => {
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([image.width, image.height]).toEqual([CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT]);
    expect(png.length).toBeLessThan(1_000_000);
  });

  it('carries the title, the text and the signature in ink, not just the frame', () => {
    expect(inkIn(image, { x0: 250, x1: 990, y0: 250, y1: 420 })).toBeGreaterThan(10_000);
    expect(textLinesIn(image, BODY)).toBeGreaterThanOrEqual(3);
    expect(inkIn(image, { x0: 500, x1: 1080, y0: 1300, y1: 1490 })).toBeGreaterThan(3_000);
  });

  it('has a QR code that scans to the verification link', () => {
    const scanned = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(scanned?.data).toBe(content.verifyUrl);
    // Bottom left, where the caption 扫码核验 says it is.
    expect(scanned!.location.topLeftCorner.x).toBeLessThan(CERTIFICATE_WIDTH / 2);
    expect(scanned!.location.topLeftCorner.y).toBeGreaterThan(CERTIFICATE_HEIGHT * 0.65);
  });

  it('wraps a 40-character title within the page', async () => {
    expect([...LONG_TITLE]).toHaveLength(40);
    const long = decode(await renderCertificatePng({ ...content, contestTitle: LONG_TITLE }));
    expect(textLinesIn(long, BODY)).toBeGreaterThan(textLinesIn(image, BODY));
    expect(inkIn(long, RIGHT_MARGIN)).toBe(0);
    expect(jsQR(new Uint8ClampedArray(long.data), long.width, long.height)?.data).toBe(content.verifyUrl);
  });

  it('keeps a far longer title and a long Latin word inside the body', async () => {
    const title = `${LONG_TITLE.repeat(3)}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJ`;
    const long = decode(await renderCertificatePng({ ...content, contestTitle: title, groupName: LONG_TITLE }));
    expect(inkIn(long, RIGHT_MARGIN)).toBe(0);
    // Nothing spills into the band between the body and the QR and signature.
    expect(inkIn(long, { x0: 150, x1: CERTIFICATE_WIDTH - 150, y0: 1215, y1: 1260 })).toBe(0);
  });

  it('escapes XML in every field and renders names with markup characters', async () => {
    const hostile: CertificateContent = {
      unionName: '工会 <b>&amp;</b>',
      contestTitle: '"竞赛" & <script>alert(1)</script> ]]>',
      groupName: "A'组",
      award: '<一等奖>',
      holderName: '张&伟\u0000\u0007',
      issuedOn: '2026年12月4日',
      verifyUrl: 'https://union.example.cn/c/a?b=1&c=<2>',
      certificateNo: 'No.<1>&"2"',
    };
    const svg = certificateSvg(hostile);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&#60;script&#62;');
    const rendered = decode(await renderCertificatePng(hostile));
    expect(textLinesIn(rendered, BODY)).toBeGreaterThanOrEqual(3);
    expect(jsQR(new Uint8ClampedArray(rendered.data), rendered.width, rendered.height)?.data).toBe(hostile.verifyUrl);
  });

  it('refuses to draw without a Chinese font rather than draw empty boxes', async () => {
    const missing = renderCertificatePng(content, { fontFile: '/nonexistent/NotoSerifCJK-Regular.ttc' });
    await expect(missing).rejects.toBeInstanceOf(CertificateFontMissingError);
    await expect(missing).rejects.toMatchObject({ status: 503, message: '证书服务暂不可用（缺少中文字体）' });
  });

  const latinOnly = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  it.skipIf(!existsSync(latinOnly))('refuses a configured font that has no Chinese glyphs', async () => {
    await expect(renderCertificatePng(content, { fontFile: latinOnly })).rejects.toBeInstanceOf(
      CertificateFontMissingError,
    );
  });
});
