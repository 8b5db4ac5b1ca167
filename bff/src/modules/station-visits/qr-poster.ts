import QRCode from 'qrcode';
import { signStationCode } from './station-code';

/**
 * The check-in QR as a print-ready PNG. Error correction M survives a scuffed
 * or partly sun-bleached poster; the staff page lays out the station's name and
 * instructions around it.
 */
export function stationQrPng(codeSecret: string, stationId: string): Promise<Buffer> {
  return QRCode.toBuffer(signStationCode(codeSecret, stationId), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    width: 800,
  });
}
