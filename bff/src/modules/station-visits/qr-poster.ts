import { stationCheckInLink } from '@union/shared';
import type { ParameterizedContext } from 'koa';
import QRCode from 'qrcode';
import type { Actor } from '../auth/actor';
import { operableStation } from '../stations/policy';
import { signStationCode } from './station-code';

/**
 * The check-in QR as a print-ready PNG. It holds a link, not the bare code: WeChat's
 * 扫一扫 opens the mini-program from it (扫普通链接二维码打开小程序), any other scanner the
 * H5 check-in page. Error correction M survives a scuffed or partly sun-bleached poster;
 * the staff page lays out the station's name and instructions around it.
 */
export function stationQrPng(codeSecret: string, stationId: string, baseUrl: string): Promise<Buffer> {
  return QRCode.toBuffer(stationCheckInLink(baseUrl, signStationCode(codeSecret, stationId)), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    width: 800,
  });
}

/** Answers with the poster of a station the actor runs, inline: staff open it to print. */
export async function sendStationPoster(
  ctx: ParameterizedContext,
  request: { actor: Actor; stationId: string; codeSecret: string; baseUrl: string },
): Promise<Buffer> {
  const station = await operableStation(request.actor, request.stationId);
  const png = await stationQrPng(request.codeSecret, String(station._id), request.baseUrl);
  ctx.type = 'image/png';
  ctx.set('Content-Disposition', `inline; filename="station-${String(station._id)}.png"`);
  return png;
}
