import { Button, Picker, Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import {
  chinaMonthOf,
  MERCHANT_CATEGORY_LABELS,
  ObjectIdSchema,
  SettlementQuerySchema,
  type PendingSettlementExport,
  type Settlement,
} from '@union/shared';
import { useRef, useState } from 'react';
import { Chip } from '../../components/Chip';
import { InfoRow } from '../../components/InfoRow';
import { downloadSettlementSheet, fetchPendingSettlementExports, fetchSettlement } from '../../services/benefit-admin';
import { errorMessage } from '../../services/http';
import { loadSession } from '../../services/session-store';
import { formatFen } from '../../utils/money';
import { stationManagementOrgs } from '../../utils/roles';
import { saveSpreadsheet } from '../../utils/save-spreadsheet';
import '../admin.css';

/** The month and org a link opened (the workbench's 结算待导出 opens the oldest one); bad values are ignored. */
function openedWith(params: Record<string, string | undefined>): { month?: string; orgId?: string } {
  const month = SettlementQuerySchema.shape.month.safeParse(params.month);
  const orgId = ObjectIdSchema.safeParse(params.orgId);
  return { month: month.success ? month.data : undefined, orgId: orgId.success ? orgId.data : undefined };
}

/** 月度结算: per merchant, what was redeemed in a China calendar month and what the union owes for it. */
export default function BenefitAdminSettlementPage() {
  const me = loadSession()?.me ?? null;
  const { params } = useRouter();
  const [opened] = useState(() => openedWith(params));
  const [orgs] = useState(() => (me ? stationManagementOrgs(me) : []));
  const [month, setMonth] = useState(() => opened.month ?? chinaMonthOf(new Date()));
  // Undefined: every organisation the staff member covers.
  const [orgId, setOrgId] = useState<string | undefined>(opened.orgId);
  const [pending, setPending] = useState<PendingSettlementExport[]>([]);
  const [settlement, setSettlement] = useState<Settlement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  async function load(chosenMonth: string, chosenOrg: string | undefined) {
    const call = ++latest.current;
    setBusy(true);
    try {
      const answer = await fetchSettlement(chosenMonth, chosenOrg);
      if (call !== latest.current) return;
      setSettlement(answer);
      setError(null);
    } catch (e) {
      if (call === latest.current) setError(errorMessage(e));
    } finally {
      if (call === latest.current) setBusy(false);
    }
  }

  // The to-do list is a hint beside the settlement: failing to read it must not hide the page.
  const loadPending = () =>
    fetchPendingSettlementExports()
      .then((answer) => setPending(answer.items))
      .catch(() => setPending([]));

  useLoad(() => {
    void load(month, orgId);
    void loadPending();
  });

  function chooseMonth(next: string) {
    setMonth(next);
    void load(next, orgId);
  }

  function chooseOrg(next: string | undefined) {
    setOrgId(next);
    void load(month, next);
  }

  function choosePending(item: PendingSettlementExport) {
    setMonth(item.month);
    setOrgId(item.orgId);
    void load(item.month, item.orgId);
  }

  async function exportSheet() {
    await saveSpreadsheet(() => downloadSettlementSheet(month, orgId), `普惠结算-${month}.xlsx`);
    await loadPending();
  }

  return (
    <View className="page">
      <View className="panel">
        <View className="row">
          <Text>结算月份</Text>
          <Picker
            mode="date"
            fields="month"
            value={month}
            onChange={(e) => chooseMonth(e.detail.value.slice(0, 7))}
            data-testid="settlement-month"
          >
            <Text className="time-box">{month}</Text>
          </Picker>
        </View>
        {orgs.length > 1 ? (
          <View className="choice-row" data-testid="settlement-orgs">
            <Chip on={orgId === undefined} onClick={() => chooseOrg(undefined)} testId="settlement-org-all">
              全部
            </Chip>
            {orgs.map((org) => (
              <Chip
                key={org.id}
                on={orgId === org.id}
                onClick={() => chooseOrg(org.id)}
                testId={`settlement-org-${org.id}`}
              >
                {org.name}
              </Chip>
            ))}
          </View>
        ) : null}
        <Button className="btn" disabled={busy} onClick={() => void exportSheet()} data-testid="settlement-export">
          导出 Excel（含明细）
        </Button>
      </View>

      {pending.length > 0 ? (
        <View className="panel" data-testid="settlement-pending">
          <Text className="panel__title">{`待导出（${pending.length}）`}</Text>
          <Text className="muted">这些月份有核销，但月底之后还没导出过结算表；点一项查看并导出。</Text>
          {pending.map((item) => (
            <View
              key={`${item.orgId}-${item.month}`}
              className="admin-item"
              onClick={() => choosePending(item)}
              data-testid={`settlement-pending-${item.orgId}-${item.month}`}
            >
              <Text>{`${item.month} · ${item.orgName}`}</Text>
              {item.month === month && item.orgId === orgId ? <Text className="muted">（当前）</Text> : null}
            </View>
          ))}
        </View>
      ) : null}

      {error ? <Text className="notice notice--error">{error}</Text> : null}
      {settlement ? (
        <>
          <View className="panel" data-testid="settlement-totals">
            <Text className="panel__title">{`${settlement.month} 合计`}</Text>
            <InfoRow label="核销张数">
              <Text data-testid="settlement-total-count">{settlement.totals.redeemedCount}</Text>
            </InfoRow>
            <InfoRow label="面值合计">{formatFen(settlement.totals.faceValueFen)}</InfoRow>
            <InfoRow label="会员实付">{formatFen(settlement.totals.memberPaidFen)}</InfoRow>
            <InfoRow label="工会补贴">{formatFen(settlement.totals.unionSubsidyFen)}</InfoRow>
            <InfoRow label="应付商户">
              <Text data-testid="settlement-total-owed">{formatFen(settlement.totals.owedToMerchantFen)}</Text>
            </InfoRow>
          </View>
          <View className="panel">
            <Text className="panel__title">各商家</Text>
            {settlement.rows.length === 0 ? (
              <Text className="muted" data-testid="settlement-empty">
                本月没有核销记录
              </Text>
            ) : null}
            {settlement.rows.map((row) => (
              <View key={row.merchantId} className="settlement-table__row" data-testid="settlement-row">
                <View className="settlement-table__name">
                  <Text>{row.merchantName}</Text>
                  <Text className="muted">{` ${MERCHANT_CATEGORY_LABELS[row.category]}`}</Text>
                  <Text className="muted admin-item__line">
                    {`核销 ${row.redeemedCount} 张 · 面值 ${formatFen(row.faceValueFen)} · 会员实付 ${formatFen(row.memberPaidFen)} · 工会补贴 ${formatFen(row.unionSubsidyFen)}`}
                  </Text>
                </View>
                <View className="settlement-table__cell">
                  <Text className="muted">应付</Text>
                  <Text className="admin-item__line" data-testid="settlement-row-owed">
                    {formatFen(row.owedToMerchantFen)}
                  </Text>
                </View>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </View>
  );
}
