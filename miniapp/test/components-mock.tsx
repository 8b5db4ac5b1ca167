/**
 * @tarojs/components as plain DOM for jsdom. Event payloads mimic Taro's
 * (`e.detail.value`), which is all the pages read.
 */
import type { ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode; className?: string };

function passThrough(props: Props): Props {
  const { onClick, className, style, children, id } = props;
  const data = Object.fromEntries(
    Object.entries(props).filter(([key]) => key.startsWith('data-') || key.startsWith('aria-') || key === 'role'),
  );
  return { onClick, className, style, children, id, ...data } as Props;
}

export function View(props: Props) {
  return <div {...passThrough(props)} />;
}

export function Text(props: Props) {
  return <span {...passThrough(props)} />;
}

export function ScrollView(props: Props) {
  return <div {...passThrough(props)} />;
}

export function Image(props: Props) {
  return <img {...passThrough(props)} src={props.src as string} alt="" />;
}

export function Button(props: Props) {
  const { disabled, loading, openType } = props;
  // WeChat fires the open-type's own event instead of a tap for the privacy agree button.
  const onClick = openType === 'agreePrivacyAuthorization' ? props.onAgreePrivacyAuthorization : props.onClick;
  return (
    <button
      {...passThrough(props)}
      onClick={onClick as (() => void) | undefined}
      type="button"
      data-open-type={openType as string | undefined}
      disabled={Boolean(disabled) || Boolean(loading)}
    />
  );
}

export function Input(props: Props) {
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined;
  return (
    <input
      {...passThrough(props)}
      type={props.password ? 'password' : 'text'}
      value={(props.value as string) ?? ''}
      placeholder={props.placeholder as string | undefined}
      onChange={(e) => onInput?.({ detail: { value: e.currentTarget.value } })}
    />
  );
}

export function Textarea(props: Props) {
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined;
  return (
    <textarea
      {...passThrough(props)}
      value={(props.value as string) ?? ''}
      placeholder={props.placeholder as string | undefined}
      onChange={(e) => onInput?.({ detail: { value: e.currentTarget.value } })}
    />
  );
}

export function Switch(props: Props) {
  const onChange = props.onChange as ((e: { detail: { value: boolean } }) => void) | undefined;
  return (
    <input
      {...passThrough(props)}
      type="checkbox"
      role="switch"
      checked={Boolean(props.checked)}
      onChange={(e) => onChange?.({ detail: { value: e.currentTarget.checked } })}
    />
  );
}
