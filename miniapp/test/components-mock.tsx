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

interface MockMarker {
  id: number;
  title?: string;
  label?: { content: string };
}

/** The native map as a list of its markers; tapping one fires `onMarkerTap` like WeChat. */
export function Map(props: Props) {
  const markers = (props.markers as MockMarker[] | undefined) ?? [];
  const onMarkerTap = props.onMarkerTap as ((e: { detail: { markerId: number } }) => void) | undefined;
  return (
    <div {...passThrough(props)} data-latitude={props.latitude as number} data-longitude={props.longitude as number}>
      {markers.map((marker) => (
        <button
          key={marker.id}
          type="button"
          data-testid="map-marker"
          onClick={() => onMarkerTap?.({ detail: { markerId: marker.id } })}
        >
          {marker.label?.content ?? marker.title}
        </button>
      ))}
    </div>
  );
}

/** jsdom draws nothing: the canvas is there, and the page's fallback table carries the data. */
export function Canvas(props: Props) {
  return <canvas {...passThrough(props)} />;
}

export function Swiper(props: Props) {
  return <div {...passThrough(props)} />;
}

export function SwiperItem(props: Props) {
  return <div {...passThrough(props)} />;
}

/** Time and date pickers as text inputs; `e.detail.value` is the chosen text, as in Taro. */
export function Picker(props: Props) {
  const onChange = props.onChange as ((e: { detail: { value: string } }) => void) | undefined;
  const { children, ...rest } = passThrough(props);
  return (
    <label {...rest}>
      <input
        data-testid={props['data-testid'] ? `${String(props['data-testid'])}-input` : undefined}
        value={(props.value as string) ?? ''}
        onChange={(e) => onChange?.({ detail: { value: e.currentTarget.value } })}
      />
      {children}
    </label>
  );
}
