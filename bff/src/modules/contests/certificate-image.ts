/**
 * A contest certificate (荣誉证书) as a PNG a member saves to the phone album and shares: an A4
 * portrait page (1240×1754, 150 dpi) in the union's red and gold, the award in the words a paper
 * certificate uses, and a QR linking to the verification page so a shared copy can be checked.
 * Drawn from an SVG template by resvg (native, no system libraries); every text is cleaned and
 * XML-escaped, and long titles wrap (shrinking the type if they would outgrow the page).
 */
import { renderAsync } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { CERTIFICATE_FONT_FAMILY, certificateFontFiles } from './certificate-fonts';
import { cleanText, escapeXml, textWidth, wrapRuns, type TextLine, type TextRun } from './certificate-text';

export { CertificateFontMissingError } from './certificate-fonts';

export interface CertificateContent {
  unionName: string;
  contestTitle: string;
  groupName: string;
  award: string;
  holderName: string;
  /** As printed, e.g. 2026年12月4日. */
  issuedOn: string;
  verifyUrl: string;
  certificateNo: string;
}

export interface CertificateRenderOptions {
  /** CERTIFICATE_FONT_FILE; unset: the usual Debian and Alpine CJK font paths. */
  fontFile?: string;
}

export const CERTIFICATE_WIDTH = 1240;
export const CERTIFICATE_HEIGHT = 1754;

const RED = '#B3261E';
const GOLD = '#C9A243';
const INK = '#2B2B2B';
const PAPER = '#FFFCF3';

const BODY_LEFT = 170;
const BODY_RIGHT = CERTIFICATE_WIDTH - 170;
const BODY_TOP = 580;
const BODY_BOTTOM = 1190;
const QR_BOX = { x: 170, y: 1270, size: 250 };

const STYLE_ATTRIBUTES: Record<TextRun['style'], string> = {
  plain: '',
  strong: ' font-weight="700"',
  award: ` font-weight="700" fill="${RED}"`,
};

function textLine(line: TextLine, x: number, y: number, fontSize: number, anchor = 'start'): string {
  const spans = line.map((run) => `<tspan${STYLE_ATTRIBUTES[run.style]}>${escapeXml(run.text)}</tspan>`).join('');
  return `<text x="${x}" y="${y}" font-size="${fontSize}" text-anchor="${anchor}">${spans}</text>`;
}

/** The salutation and the two paragraphs, at the largest size (of a few) that fits the body area. */
function bodyText(content: CertificateContent): string {
  const width = BODY_RIGHT - BODY_LEFT;
  const award: TextRun[] = [
    { text: '在', style: 'plain' },
    { text: content.contestTitle, style: 'strong' },
    ...(content.groupName ? [{ text: `（${content.groupName}）`, style: 'plain' as const }] : []),
    { text: '中荣获', style: 'plain' },
    { text: content.award, style: 'award', keep: true },
    { text: '。', style: 'plain' },
  ];
  const closing: TextRun[] = [{ text: '特发此证，以资鼓励。', style: 'plain' }];
  for (const fontSize of [54, 50, 46, 42, 38, 34, 30, 26]) {
    const lineHeight = Math.round(fontSize * 1.75);
    const nameSize = Math.round(fontSize * 1.12);
    const salutation = wrapRuns(
      [
        { text: content.holderName, style: 'strong', keep: true },
        { text: ' 同志：', style: 'plain' },
      ],
      nameSize,
      width,
    );
    const paragraphs = [
      wrapRuns(award, fontSize, width, fontSize * 2),
      wrapRuns(closing, fontSize, width, fontSize * 2),
    ];
    const lineCount = paragraphs[0]!.length + paragraphs[1]!.length;
    const height = salutation.length * lineHeight + lineCount * lineHeight;
    if (BODY_TOP + height > BODY_BOTTOM && fontSize > 26) continue;
    const parts: string[] = [];
    // A short text sits a little lower, nearer the middle of the page, rather than under the title.
    let y = BODY_TOP + Math.max(0, Math.round((BODY_BOTTOM - BODY_TOP - height) / 3));
    for (const line of salutation) {
      parts.push(textLine(line, BODY_LEFT, y, nameSize));
      y += lineHeight;
    }
    for (const paragraph of paragraphs) {
      paragraph.forEach((line, index) => {
        parts.push(textLine(line, BODY_LEFT + (index === 0 ? fontSize * 2 : 0), y, fontSize));
        y += lineHeight;
      });
    }
    return parts.join('');
  }
  throw new Error('unreachable: the smallest size is always used');
}

/** The union's name and the date, right-aligned above the bottom edge; a long name wraps. */
function signatureBlock(content: CertificateContent): string {
  const maxWidth = BODY_RIGHT - (QR_BOX.x + QR_BOX.size + 60);
  const fontSize = textWidth(cleanText(content.unionName), 44) <= maxWidth * 2 ? 44 : 34;
  const lines = wrapRuns([{ text: content.unionName, style: 'strong' }], fontSize, maxWidth);
  const dateY = 1470;
  const lineHeight = Math.round(fontSize * 1.4);
  const top = dateY - 80 - (lines.length - 1) * lineHeight;
  return [
    ...lines.map((line, index) => textLine(line, BODY_RIGHT, top + index * lineHeight, fontSize, 'end')),
    textLine([{ text: content.issuedOn, style: 'plain' }], BODY_RIGHT, dateY, 40, 'end'),
  ].join('');
}

/** The QR as one path of whole-pixel modules on a white square, so it scans from a photo of the screen. */
function qrCode(verifyUrl: string): string {
  const { modules } = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' });
  const quiet = 3;
  const unit = Math.floor(QR_BOX.size / (modules.size + quiet * 2));
  const offset = Math.round((QR_BOX.size - unit * modules.size) / 2);
  let path = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (!modules.get(row, col)) continue;
      let run = 1;
      while (col + run < modules.size && modules.get(row, col + run)) run += 1;
      path += `M${col * unit} ${row * unit}h${run * unit}v${unit}h${-run * unit}z`;
      col += run - 1;
    }
  }
  const { x, y, size } = QR_BOX;
  return [
    `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="#FFFFFF" stroke="${GOLD}" stroke-width="2"/>`,
    `<path transform="translate(${x + offset} ${y + offset})" d="${path}" fill="#000000" shape-rendering="crispEdges"/>`,
    `<text x="${x + size / 2}" y="${y + size + 48}" font-size="30" text-anchor="middle" fill="${INK}">扫码核验</text>`,
  ].join('');
}

function star(cx: number, cy: number, radius: number): string {
  const points = Array.from({ length: 10 }, (_, index) => {
    const r = index % 2 === 0 ? radius : radius * 0.382;
    const angle = -Math.PI / 2 + (index * Math.PI) / 5;
    return `${(cx + r * Math.cos(angle)).toFixed(1)},${(cy + r * Math.sin(angle)).toFixed(1)}`;
  });
  return `<polygon points="${points.join(' ')}" fill="${RED}" stroke="${GOLD}" stroke-width="3"/>`;
}

/** Red band, double gold rule and gold corner brackets: the frame of a paper certificate. */
function frame(): string {
  const w = CERTIFICATE_WIDTH;
  const h = CERTIFICATE_HEIGHT;
  const corner = (x: number, y: number, dx: number, dy: number) =>
    `<path d="M${x} ${y + dy * 90}V${y}H${x + dx * 90}M${x + dx * 14} ${y + dy * 60}V${y + dy * 14}H${x + dx * 60}" fill="none" stroke="${GOLD}" stroke-width="5"/>` +
    `<rect x="${x + dx * 24 - 7}" y="${y + dy * 24 - 7}" width="14" height="14" fill="${RED}" transform="rotate(45 ${x + dx * 24} ${y + dy * 24})"/>`;
  return [
    `<rect width="${w}" height="${h}" fill="${PAPER}"/>`,
    `<rect x="34" y="34" width="${w - 68}" height="${h - 68}" fill="none" stroke="${RED}" stroke-width="32"/>`,
    `<rect x="66" y="66" width="${w - 132}" height="${h - 132}" fill="none" stroke="${GOLD}" stroke-width="4"/>`,
    `<rect x="78" y="78" width="${w - 156}" height="${h - 156}" fill="none" stroke="${GOLD}" stroke-width="1.5"/>`,
    corner(96, 96, 1, 1),
    corner(w - 96, 96, -1, 1),
    corner(96, h - 96, 1, -1),
    corner(w - 96, h - 96, -1, -1),
  ].join('');
}

function heading(): string {
  const centre = CERTIFICATE_WIDTH / 2;
  const spacing = 40;
  return [
    star(centre, 200, 46),
    // letter-spacing also follows the last character; half of it shifts the title back to centre.
    `<text x="${centre + spacing / 2}" y="390" font-size="132" font-weight="700" letter-spacing="${spacing}" text-anchor="middle" fill="${RED}">荣誉证书</text>`,
    `<path d="M${centre - 300} 452H${centre - 30}M${centre + 30} 452H${centre + 300}" stroke="${GOLD}" stroke-width="3"/>`,
    `<rect x="${centre - 11}" y="441" width="22" height="22" fill="${GOLD}" transform="rotate(45 ${centre} 452)"/>`,
  ].join('');
}

export function certificateSvg(content: CertificateContent): string {
  const certificateNo = `证书编号：${cleanText(content.certificateNo)}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CERTIFICATE_WIDTH}" height="${CERTIFICATE_HEIGHT}" viewBox="0 0 ${CERTIFICATE_WIDTH} ${CERTIFICATE_HEIGHT}">`,
    frame(),
    `<g font-family="${CERTIFICATE_FONT_FAMILY}" fill="${INK}">`,
    heading(),
    bodyText(content),
    signatureBlock(content),
    qrCode(content.verifyUrl),
    `<text x="${CERTIFICATE_WIDTH / 2}" y="${CERTIFICATE_HEIGHT - 124}" font-size="26" text-anchor="middle" fill="#6B6B6B">${escapeXml(certificateNo)}</text>`,
    '</g></svg>',
  ].join('');
}

/**
 * Renders off the event loop (resvg's async render runs on libuv's pool). Throws
 * CertificateFontMissingError (an HttpError 503) when no Chinese font is installed.
 */
export async function renderCertificatePng(
  content: CertificateContent,
  options: CertificateRenderOptions = {},
): Promise<Buffer> {
  const fontFiles = certificateFontFiles(options.fontFile);
  const rendered = await renderAsync(certificateSvg(content), {
    font: { loadSystemFonts: false, fontFiles },
    fitTo: { mode: 'original' },
    logLevel: 'off',
  });
  return rendered.asPng();
}
