import { stationCheckInLink } from '@union/shared';
import QRCode from 'qrcode';
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
