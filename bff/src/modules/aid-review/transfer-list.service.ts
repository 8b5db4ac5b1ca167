/**
 * The bank-transfer list: every approved, not yet paid application of a programme (of
 * their own district when a district office pays its part), with full account numbers
 * (it goes to the bank), so each export is audited as a reveal of all the accounts on it.
 */
import ExcelJS from 'exceljs';
import { chinaCompactDate } from '@union/shared';
import type { FieldCipher } from '../../crypto/field-encryption';
import { XLSX_CONTENT_TYPE, type Download } from '../../http/download';
import type { Actor } from '../auth/actor';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { organizationNames } from '../organizations/service';
import { AidRevealAuditModel } from './reveal-audit.model';
import { payableBy, programmeToPay } from './policy';

const COLUMNS = [
  { header: '序号', key: 'index', width: 6 },
  { header: '申请人', key: 'applicant', width: 10 },
  { header: '子女姓名', key: 'child', width: 10 },
  { header: '录取院校', key: 'school', width: 24 },
  { header: '资助金额（元）', key: 'amount', width: 14 },
  { header: '开户银行', key: 'bank', width: 20 },
  { header: '户名', key: 'accountName', width: 10 },
  { header: '账号', key: 'accountNumber', width: 26 },
  { header: '所属工会', key: 'org', width: 26 },
];

export async function buildTransferList(
  cipher: FieldCipher,
  actor: Actor,
  programmeId: string,
  now: Date,
): Promise<Download> {
  const { programme, within } = await programmeToPay(actor, programmeId);
  const applications = await AidApplicationModel.find({
    programmeId: programme._id,
    status: 'approved',
    disbursementBatchId: null,
    ...payableBy(within),
  })
    .sort({ submittedAt: 1, _id: 1 })
    .lean<AidApplicationDoc[]>();
  const names = await organizationNames(applications.map((application) => application.orgId));

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('转账清单');
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn('amount').numFmt = '0.00';
  // Account numbers are text: as numbers Excel would round away their last digits.
  sheet.getColumn('accountNumber').numFmt = '@';
  let totalFen = 0;
  applications.forEach((application, index) => {
    const amountFen = application.amountFen ?? 0;
    totalFen += amountFen;
    sheet.addRow({
      index: index + 1,
      applicant: application.applicantName,
      child: application.child?.name ?? '',
      school: application.child?.school ?? '',
      amount: amountFen / 100,
      bank: application.payment?.bankName ?? '',
      accountName: application.payment?.accountName ?? '',
      accountNumber: application.payment?.accountNumberSealed
        ? cipher.decrypt(application.payment.accountNumberSealed)
        : '',
      org: names.get(String(application.orgId)) ?? '',
    });
  });
  const total = sheet.addRow({ index: '合计', amount: totalFen / 100, applicant: `${applications.length} 人` });
  total.font = { bold: true };

  if (applications.length > 0) {
    await AidRevealAuditModel.create({
      accountId: actor.accountId,
      at: now,
      programmeId: programme._id,
      applicationIds: applications.map((application) => application._id),
      field: 'accountNumber',
      reason: '导出银行转账清单',
    });
  }
  const chinaDate = chinaCompactDate(now);
  return {
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: XLSX_CONTENT_TYPE,
    fileName: `${programme.name}-转账清单-${chinaDate}.xlsx`,
    asciiName: `aid-transfer-list-${chinaDate}.xlsx`,
  };
}
