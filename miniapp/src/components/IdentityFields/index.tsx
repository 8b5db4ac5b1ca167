import { TextField } from '../TextField';

export interface IdentityValues {
  name: string;
  idNumber: string;
  /** Left out for people who have no mobile of their own here (an applicant's child). */
  mobile?: string;
}

type IdentityField = keyof IdentityValues;

interface IdentityFieldsProps {
  values: IdentityValues;
  /** From the request's shared zod schema or the BFF's `details`. */
  errors: Partial<Record<IdentityField, string | undefined>>;
  onChange: (patch: Partial<IdentityValues>) => void;
  /** `<testIdPrefix>-name`, `<testIdPrefix>-id-number`, `<testIdPrefix>-mobile`. */
  testIdPrefix: string;
  /** `姓名` unless it is someone else's, e.g. `子女姓名`. */
  nameLabel?: string;
  placeholders?: Partial<Record<IdentityField, string>>;
}

/**
 * Name, ID number and mobile, as every form asking who someone is has them (joining,
 * binding, aid applications): the same labels, keyboards and lengths everywhere.
 */
export function IdentityFields({
  values,
  errors,
  onChange,
  testIdPrefix,
  nameLabel = '姓名',
  placeholders = {},
}: IdentityFieldsProps) {
  return (
    <>
      <TextField
        label={nameLabel}
        value={values.name}
        onChange={(name) => onChange({ name })}
        placeholder={placeholders.name ?? '与身份证一致'}
        error={errors.name}
        testId={`${testIdPrefix}-name`}
      />
      <TextField
        label="身份证号"
        type="idcard"
        maxlength={18}
        value={values.idNumber}
        onChange={(idNumber) => onChange({ idNumber })}
        placeholder={placeholders.idNumber}
        error={errors.idNumber}
        testId={`${testIdPrefix}-id-number`}
      />
      {values.mobile === undefined ? null : (
        <TextField
          label="手机号"
          type="number"
          maxlength={11}
          value={values.mobile}
          onChange={(mobile) => onChange({ mobile })}
          placeholder={placeholders.mobile}
          error={errors.mobile}
          testId={`${testIdPrefix}-mobile`}
        />
      )}
    </>
  );
}
