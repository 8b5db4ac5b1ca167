/**
 * The CJK font certificates are drawn with. resvg draws only with the fonts it is given, and a
 * font without Chinese glyphs would give a certificate of empty boxes, so a font is used only
 * once a probe shows it draws Chinese; without one, certificates are refused (503), never broken.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { HttpError } from '../../http/errors';

/** Debian/Ubuntu (fonts-noto-cjk, fonts-wqy-zenhei) and Alpine (font-noto-cjk, font-wqy-zenhei); serif reads as a certificate. */
const KNOWN_FONTS: string[][] = [
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc'],
  ['/usr/share/fonts/noto/NotoSerifCJK-Regular.ttc', '/usr/share/fonts/noto/NotoSerifCJK-Bold.ttc'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'],
  ['/usr/share/fonts/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/noto/NotoSansCJK-Bold.ttc'],
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'],
  ['/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc'],
];

/** Names the faces of every font above, so the SC forms of shared CJK glyphs are picked. */
export const CERTIFICATE_FONT_FAMILY =
  "'Noto Serif CJK SC', 'Noto Sans CJK SC', 'Source Han Serif SC', 'WenQuanYi Zen Hei', serif";

export class CertificateFontMissingError extends HttpError {
  constructor(readonly searched: string[]) {
    super(503, 'certificate_font_missing', '证书服务暂不可用（缺少中文字体）');
  }
}

/** A font set that passed the probe, per configuration: each is probed once per process. */
const verified = new Map<string, string[]>();

function drawsChinese(fontFiles: string[]): boolean {
  const probe = (text: string) =>
    new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48"><text x="4" y="36" font-size="32" font-family="${CERTIFICATE_FONT_FAMILY}">${text}</text></svg>`,
      { font: { loadSystemFonts: false, fontFiles }, logLevel: 'off' },
    ).render().pixels;
  const chinese = probe('荣誉证书');
  // A font without these glyphs draws its .notdef box for them, exactly as for unassigned code points.
  return chinese.some((value) => value !== 0) && !chinese.equals(probe('\u0378\u0378\u0378\u0378'));
}

/**
 * The font files to draw with: the configured one (CERTIFICATE_FONT_FILE) or the first known
 * set installed here. Throws CertificateFontMissingError when none draws Chinese.
 */
export function certificateFontFiles(configured?: string): string[] {
  const candidates = configured ? [[configured]] : KNOWN_FONTS;
  const key = configured ?? '';
  const known = verified.get(key);
  if (known) return known;
  for (const group of candidates) {
    const present = group.filter((file) => existsSync(file));
    if (present[0] === group[0] && drawsChinese(present)) {
      verified.set(key, present);
      return present;
    }
  }
  throw new CertificateFontMissingError(candidates.flat());
}
