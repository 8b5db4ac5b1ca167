import { Button, Text, View } from '@tarojs/components';
import type { Organization } from '@union/shared';
import { useRef, useState } from 'react';
import { TextField } from '../../../../components/TextField';
import { errorMessage } from '../../../../services/http';
import { fetchChildOrganizations, searchOrganizations } from '../../../../services/organizations';
import './index.css';

interface OrgPickerProps {
  value: Organization | null;
  onChange: (org: Organization) => void;
  error?: string;
}

/**
 * Picks the union that will receive the application: drill down the tree
 * (city → district → street → grassroots) or search organisations that accept members.
 */
export function OrgPicker({ value, onChange, error }: OrgPickerProps) {
  const [open, setOpen] = useState(false);
  const [trail, setTrail] = useState<Organization[]>([]);
  const [items, setItems] = useState<Organization[]>([]);
  const [query, setQuery] = useState('');
  const [searching, setSearching] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Only the answer to the latest request may fill the list: a slow tree load
  // arriving after a search must not replace the search results.
  const latestRequest = useRef(0);

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
            <View key={org.id} className="org-item" data-testid="org-item">
              <View>
                <Text className="org-item__name">{org.name}</Text>
                <Text className="org-item__meta">
                  {org.acceptsMembers ? '可受理入会' : '不直接受理入会'}
                  {org.childCount > 0 ? ` · 下级组织 ${org.childCount} 个` : ''}
                </Text>
              </View>
              <View className="org-item__actions">
                {org.childCount > 0 && !searching ? (
                  <Button className="btn btn--small" onClick={() => browse([...trail, org])}>
                    下级
                  </Button>
                ) : null}
                {org.acceptsMembers ? (
                  <Button className="btn btn--small btn--primary" onClick={() => choose(org)}>
                    选择
                  </Button>
                ) : null}
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
