import { Button, Text, View } from '@tarojs/components';
import { NEW_EMPLOYMENT_FORM_OCCUPATIONS, type Occupation, type Organization } from '@union/shared';
import { useEffect, useRef, useState } from 'react';
import { TextField } from '../../../../components/TextField';
import { errorMessage } from '../../../../services/http';
import { fetchChildOrganizations, fetchIndustryUnions, searchOrganizations } from '../../../../services/organizations';
import './index.css';

interface OrgPickerProps {
  value: Organization | null;
  onChange: (org: Organization) => void;
  /** A rider, courier … is offered the industry unions that organise them before the regional tree. */
  occupation?: Occupation | null;
  error?: string;
}

const isNewEmploymentForm = (occupation: Occupation | null | undefined) =>
  (NEW_EMPLOYMENT_FORM_OCCUPATIONS as readonly string[]).includes(occupation ?? '');

/**
 * Picks the union that will receive the application: search by name, the industry unions
 * for new-employment-form workers, or drill down the tree (city → district → street →
 * grassroots), which only offers branches that lead to a union accepting members.
 */
export function OrgPicker({ value, onChange, occupation, error }: OrgPickerProps) {
  const [open, setOpen] = useState(false);
  const [trail, setTrail] = useState<Organization[]>([]);
  const [items, setItems] = useState<Organization[]>([]);
  const [query, setQuery] = useState('');
  const [searching, setSearching] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Only the answer to the latest request may fill the list: a slow tree load
  // arriving after a search must not replace the search results.
  const latestRequest = useRef(0);
  const [industry, setIndustry] = useState<Organization[]>([]);
  const offerIndustry = isNewEmploymentForm(occupation);

  useEffect(() => {
    if (!offerIndustry || !open) return;
    let current = true;
    fetchIndustryUnions()
      .then((unions) => current && setIndustry(unions))
      .catch(() => current && setIndustry([]));
    return () => {
      current = false;
    };
  }, [offerIndustry, open]);

  async function show(load: () => Promise<Organization[]>) {
    const request = ++latestRequest.current;
    setLoadError(null);
    try {
      const loaded = await load();
      if (request === latestRequest.current) setItems(loaded);
    } catch (e) {
      if (request === latestRequest.current) setLoadError(errorMessage(e));
    }
  }

  function browse(nextTrail: Organization[]) {
    setTrail(nextTrail);
    setSearching(false);
    void show(() => fetchChildOrganizations(nextTrail[nextTrail.length - 1]?.id));
  }

  function search() {
    const q = query.trim();
    if (!q) return browse([]);
    setSearching(true);
    void show(() => searchOrganizations(q));
  }

  function choose(org: Organization) {
    onChange(org);
    setOpen(false);
  }

  return (
    <View className="field" data-testid="org-picker">
      <View className="org-picker__selected">
        <Text className="field__label">所属工会</Text>
        <Text className={`org-picker__value ${value ? '' : 'muted'}`}>{value ? value.name : '未选择'}</Text>
        <Button
          className="btn btn--small"
          onClick={() => {
            setOpen(!open);
            if (!open) browse([]);
          }}
        >
          {open ? '收起' : value ? '更换' : '选择'}
        </Button>
      </View>
      {error ? <Text className="field__error">{error}</Text> : null}
      {open ? (
        <View>
          <View className="org-picker__search">
            <TextField
              label="关键字"
              value={query}
              onChange={setQuery}
              placeholder="输入工会名称关键字"
              testId="org-search"
            />
            <Button className="btn btn--small" onClick={search}>
              搜索
            </Button>
          </View>
          {offerIndustry && industry.length > 0 && !searching ? (
            <View className="org-picker__industry" data-testid="org-industry">
              <Text className="org-picker__section">新就业形态工会（骑手、快递员等可直接加入）</Text>
              {industry.map((org) => (
                <OrgRow key={org.id} org={org} onChoose={choose} testId="org-industry-item" />
              ))}
              <Text className="org-picker__section">或按所在地区查找</Text>
            </View>
          ) : null}
          {searching ? null : (
            <View className="org-picker__crumbs">
              <Text className="link" onClick={() => browse([])}>
                全部
              </Text>
              {trail.map((org, index) => (
                <Text key={org.id} className="link" onClick={() => browse(trail.slice(0, index + 1))}>
                  {` › ${org.name}`}
                </Text>
              ))}
            </View>
          )}
          {loadError ? <Text className="notice notice--error">{loadError}</Text> : null}
          {items.length === 0 && !loadError ? <Text className="muted">没有找到可选的工会</Text> : null}
          {items.map((org) => (
            <OrgRow
              key={org.id}
              org={org}
              onChoose={choose}
              onOpen={searching ? undefined : () => browse([...trail, org])}
              testId="org-item"
            />
          ))}
        </View>
      ) : null}
    </View>
  );
}

function OrgRow({
  org,
  onChoose,
  onOpen,
  testId,
}: {
  org: Organization;
  onChoose: (org: Organization) => void;
  /** Drill into the unions below; absent in search results. */
  onOpen?: () => void;
  testId: string;
}) {
  const below = org.acceptingBelow > 0 ? `下级有 ${org.acceptingBelow} 个可受理入会的工会` : '';
  return (
    <View className="org-item" data-testid={testId}>
      <View>
        <Text className="org-item__name">{org.name}</Text>
        <Text className="org-item__meta">
          {[org.acceptsMembers ? '可受理入会' : '', below].filter(Boolean).join(' · ')}
        </Text>
      </View>
      <View className="org-item__actions">
        {onOpen && org.acceptingBelow > 0 ? (
          <Button className="btn btn--small" onClick={onOpen}>
            下级
          </Button>
        ) : null}
        {org.acceptsMembers ? (
          <Button className="btn btn--small btn--primary" onClick={() => onChoose(org)}>
            选择
          </Button>
        ) : null}
      </View>
    </View>
  );
}
