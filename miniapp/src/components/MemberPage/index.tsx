import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { LARGE_TEXT_CLASS, useLargeText } from '../../hooks/use-large-text';

interface MemberPageProps {
  children: ReactNode;
  /** The page's own class, beside `page`. */
  className?: string;
  testId?: string;
}

/** The root of a page members read (card, stations, vouchers, aid): it carries 大字模式 for everything inside. */
export function MemberPage({ children, className, testId }: MemberPageProps) {
  const { largeText } = useLargeText();
  const classes = ['page', className, largeText ? LARGE_TEXT_CLASS : null].filter(Boolean).join(' ');
  return (
    <View className={classes} data-testid={testId}>
      {children}
    </View>
  );
}
