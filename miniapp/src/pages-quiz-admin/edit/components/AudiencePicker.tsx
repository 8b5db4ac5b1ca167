import { Text, View } from '@tarojs/components';
import type { Organization } from '@union/shared';
import { useEffect, useState } from 'react';
import { Chip } from '../../../components/Chip';
import { errorMessage } from '../../../services/http';
import { fetchChildOrganizations } from '../../../services/organizations';

interface AudiencePickerProps {
  /** The host org: its members, or one of its direct sub-orgs' members, may take the quiz. */
  orgId: string;
  orgName: string;
  /** Empty for the whole host org. */
  value: string;
  onChange: (audienceOrgId: string) => void;
  error?: string;
}

/** 面向组织: the host org as a whole, or one of the unions directly under it. */
export function AudiencePicker({ orgId, orgName, value, onChange, error }: AudiencePickerProps) {
  const [children, setChildren] = useState<Organization[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (!orgId) return;
    let current = true;
    fetchChildOrganizations(orgId).then(
      (items) => current && setChildren(items),
      (e: unknown) => current && setLoadError(errorMessage(e)),
    );
    return () => {
      current = false;
    };
  }, [orgId]);

  return (
    <View className="field" data-testid="quiz-audience">
      <Text className="field__label">面向组织（其下会员均可参加）</Text>
      <View className="quiz-admin__chips">
        <Chip on={value === '' || value === orgId} onClick={() => onChange('')} testId="quiz-audience-all">
          {`${orgName}（全部）`}
        </Chip>
        {children.map((org) => (
          <Chip key={org.id} on={value === org.id} onClick={() => onChange(org.id)} testId={`quiz-audience-${org.id}`}>
            {org.name}
          </Chip>
        ))}
      </View>
      {loadError ? <Text className="muted">{loadError}</Text> : null}
      {error ? <Text className="field__error">{error}</Text> : null}
    </View>
  );
}
