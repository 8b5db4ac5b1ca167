/**
 * 结算待导出: the closed months (up to SETTLEMENT_EXPORT_LOOKBACK_MONTHS back) in which
 * vouchers were redeemed at merchants of an org the cadre runs, and whose settlement sheet for
 * that org was not exported after the month ended (an export during the month cannot hold the
 * redemptions that came after it). The workbench's count and the settlement page's list are
 * both this function, so they always agree.
 */
import { Types } from 'mongoose';
import {
  chinaMonthOf,
  chinaMonthRange,
  SETTLEMENT_EXPORT_LOOKBACK_MONTHS,
  UNION_OFFICE_ROLES,
  type PendingSettlementExport,
} from '@union/shared';
import { upsertOne } from '../../db/upsert';
import type { Actor } from '../auth/actor';
import { scopeOrgIds } from '../auth/actor';
import { OrganizationModel } from '../organizations/organization.model';
import { SettlementExportModel } from './settlement-export.model';
import { redeemedInMonthFilter } from './settlement.service';
import { VoucherModel } from './voucher.model';

/** The `count` closed months before the China month of `now`, oldest first. */
function closedMonthsBefore(now: Date, count: number): string[] {
  const [year, month] = chinaMonthOf(now).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_unused, back) =>
    new Date(Date.UTC(year, month - 1 - count + back, 1)).toISOString().slice(0, 7),
  );
}

export async function pendingSettlementExports(actor: Actor, now: Date): Promise<PendingSettlementExport[]> {
  const orgIds = scopeOrgIds(actor, UNION_OFFICE_ROLES).map((id) => new Types.ObjectId(id));
  const months = closedMonthsBefore(now, SETTLEMENT_EXPORT_LOOKBACK_MONTHS);
  const [orgs, exports] = await Promise.all([
    OrganizationModel.find({ _id: { $in: orgIds } }, { name: 1 }).lean(),
    SettlementExportModel.find({ orgId: { $in: orgIds }, month: { $in: months } }).lean(),
  ]);
  const exportedAt = new Map(exports.map((row) => [`${String(row.orgId)}|${row.month}`, row.exportedAt]));
  const candidates = months.flatMap((month) => {
    const { end } = chinaMonthRange(month);
    return orgs
      .filter((org) => {
        const exported = exportedAt.get(`${String(org._id)}|${month}`);
        return !exported || exported < end; // a sheet exported before the month ended misses its end
      })
      .map((org) => ({ orgId: String(org._id), orgName: org.name, month, closedAt: end.toISOString() }));
  });
  // The settlement's own filter: a sheet with no redemption has nothing to settle.
  const redeemed = await Promise.all(
    candidates.map((item) =>
      VoucherModel.exists(redeemedInMonthFilter([new Types.ObjectId(item.orgId)], item.month)).exec(),
    ),
  );
  return candidates.filter((_item, index) => redeemed[index] !== null);
}

/** Records that the sheet of `month` was exported for `orgId`, or for every org the cadre runs (全部). */
export async function recordSettlementExport(
  actor: Actor,
  query: { month: string; orgId?: string },
  now: Date,
): Promise<void> {
  const orgIds = query.orgId ? [query.orgId] : scopeOrgIds(actor, UNION_OFFICE_ROLES);
  const exported = { $set: { exportedAt: now, exportedByAccountId: new Types.ObjectId(actor.accountId) } };
  await Promise.all(
    orgIds.map((orgId) =>
      upsertOne(SettlementExportModel, { orgId: new Types.ObjectId(orgId), month: query.month }, exported),
    ),
  );
}
