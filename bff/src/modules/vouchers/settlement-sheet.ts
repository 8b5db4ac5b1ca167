/**
 * The monthly settlement as the finance office files it: sheet 汇总 (one row per merchant
 * and a total) and sheet 明细 (every redeemed voucher), amounts in yuan as numbers with
 * two decimals so the sheet can sum them again.
 */
import ExcelJS from 'exceljs';
import { chinaDateTime, MERCHANT_CATEGORY_LABELS, type Settlement } from '@union/shared';
import { XLSX_CONTENT_TYPE, type Download } from '../../http/download';
import type { Actor } from '../auth/actor';
import { settlementMoneyOf } from './settlement-money';
import { settlementFilter, settlementOf } from './settlement.service';
import { VoucherModel, type VoucherDoc } from './voucher.model';

const YUAN_FORMAT = '#,##0.00';
const yuan = (fen: number) => fen / 100;

const SUMMARY_COLUMNS = [
  { header: '商家', key: 'merchant', width: 28 },
  { header: '类别', key: 'category', width: 12 },
  { header: '核销张数', key: 'redeemed', width: 10 },
  { header: '其中付费/补贴券', key: 'paidRedeemed', width: 14 },
  { header: '面值合计（元）', key: 'faceValue', width: 16 },
  { header: '会员实付（元）', key: 'memberPaid', width: 16 },
  { header: '工会补贴（元）', key: 'unionSubsidy', width: 16 },
  { header: '应付商户（元）', key: 'owed', width: 16 },
];
const SUMMARY_MONEY = ['faceValue', 'memberPaid', 'unionSubsidy', 'owed'];

const DETAIL_COLUMNS = [
  { header: '商家', key: 'merchant', width: 28 },
  { header: '优惠', key: 'offer', width: 28 },
  { header: '券码', key: 'code', width: 16 },
  { header: '核销时间', key: 'redeemedAt', width: 18 },
  { header: '面值（元）', key: 'faceValue', width: 12 },
  { header: '会员实付（元）', key: 'memberPaid', width: 14 },
  { header: '工会补贴（元）', key: 'unionSubsidy', width: 14 },
];
const DETAIL_MONEY = ['faceValue', 'memberPaid', 'unionSubsidy'];

function addSummarySheet(workbook: ExcelJS.Workbook, settlement: Settlement) {
  const sheet = workbook.addWorksheet('汇总');
  sheet.columns = SUMMARY_COLUMNS;
  sheet.getRow(1).font = { bold: true };
  for (const key of SUMMARY_MONEY) sheet.getColumn(key).numFmt = YUAN_FORMAT;
  for (const row of settlement.rows) {
    sheet.addRow({
      merchant: row.merchantName,
      category: MERCHANT_CATEGORY_LABELS[row.category],
      redeemed: row.redeemedCount,
      paidRedeemed: row.paidRedeemedCount,
      faceValue: yuan(row.faceValueFen),
      memberPaid: yuan(row.memberPaidFen),
      unionSubsidy: yuan(row.unionSubsidyFen),
      owed: yuan(row.owedToMerchantFen),
    });
  }
  const { totals } = settlement;
  const total = sheet.addRow({
    merchant: '合计',
    redeemed: totals.redeemedCount,
    paidRedeemed: totals.paidRedeemedCount,
    faceValue: yuan(totals.faceValueFen),
    memberPaid: yuan(totals.memberPaidFen),
    unionSubsidy: yuan(totals.unionSubsidyFen),
    owed: yuan(totals.owedToMerchantFen),
  });
  total.font = { bold: true };
}

function addDetailSheet(workbook: ExcelJS.Workbook, vouchers: VoucherDoc[], merchantNames: Map<string, string>) {
  const sheet = workbook.addWorksheet('明细');
  sheet.columns = DETAIL_COLUMNS;
  sheet.getRow(1).font = { bold: true };
  for (const key of DETAIL_MONEY) sheet.getColumn(key).numFmt = YUAN_FORMAT;
  // Codes are text: as numbers Excel would show 12 digits in scientific notation.
  sheet.getColumn('code').numFmt = '@';
  for (const voucher of vouchers) {
    const money = settlementMoneyOf(voucher);
    sheet.addRow({
      merchant: merchantNames.get(String(voucher.merchantId)) ?? '',
      offer: voucher.title,
      code: voucher.code,
      redeemedAt: voucher.redeemedAt ? chinaDateTime(voucher.redeemedAt) : '',
      faceValue: yuan(money.faceValueFen),
      memberPaid: yuan(money.memberPaidFen),
      unionSubsidy: yuan(money.unionSubsidyFen),
    });
  }
}

export async function buildSettlementSheet(actor: Actor, query: { month: string; orgId?: string }): Promise<Download> {
  const match = await settlementFilter(actor, query.month, query.orgId);
  const [settlement, vouchers] = await Promise.all([
    settlementOf(match, query.month),
    VoucherModel.find(match).sort({ merchantId: 1, redeemedAt: 1, _id: 1 }).lean<VoucherDoc[]>(),
  ]);
  // Every voucher's merchant has a summary row, which already carries its name.
  const merchantNames = new Map(settlement.rows.map((row) => [row.merchantId, row.merchantName]));

  const workbook = new ExcelJS.Workbook();
  addSummarySheet(workbook, settlement);
  addDetailSheet(workbook, vouchers, merchantNames);
  return {
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: XLSX_CONTENT_TYPE,
    fileName: `普惠商家结算-${query.month}.xlsx`,
    asciiName: `benefit-settlement-${query.month}.xlsx`,
  };
}
