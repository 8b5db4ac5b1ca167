import { Text } from '@tarojs/components';

/** The message for one field path of the setup (`rounds.0.weight`), shown under its field. */
export function FieldError({ errors, path }: { errors: Record<string, string>; path: string }) {
  const message = errors[path];
  return message ? (
    <Text className="field__error contest-admin__error" data-testid={`setup-error-${path}`}>
      {message}
    </Text>
  ) : null;
}
