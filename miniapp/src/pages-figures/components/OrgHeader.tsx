import { Picker, Text, View } from '@tarojs/components';
import type { FiguresReport } from '@union/shared';

type Org = FiguresReport['org'];

interface OrgHeaderProps {
  org: Org;
  /** From the actor's top org down to this one. */
  trail: Org[];
  children: Org[];
  onChoose: (orgId: string) => void;
}

/** Which org the figures are of: the way back up (tap to go there) and its sub-orgs to switch to. */
export function OrgHeader({ org, trail, children, onChoose }: OrgHeaderProps) {
  const above = trail.filter((step) => step.id !== org.id);
  return (
    <View className="panel figures-org">
      {above.length ? (
        <View className="figures-trail">
          {above.map((step) => (
            <Text
              key={step.id}
              className="link figures-trail__step"
              onClick={() => onChoose(step.id)}
              data-testid={`figures-trail-${step.id}`}
            >
              {`${step.name} ›`}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className="panel__title figures-org__name" data-testid="figures-org-name">
        {org.name}
      </Text>
      {children.length ? (
        <Picker
          mode="selector"
          range={children.map((child) => child.name)}
          value={0}
          onChange={(e) => {
            const child = children[Number(e.detail.value)];
            if (child) onChoose(child.id);
          }}
          data-testid="figures-child-picker"
        >
          <Text className="figures-picker">{`查看下级组织（${children.length}）▾`}</Text>
        </Picker>
      ) : (
        <Text className="muted">无下级组织</Text>
      )}
    </View>
  );
}
