// Small form pieces shared by the settings sections: a labelled input with its error, a
// write-only secret input (a saved secret is shown as "saved", never read back), and the
// save/test result line.
import { PorchlightError } from '../../src-shared/ipc/errors';
import { PlaceText } from './PlaceText';

export interface FieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  type?: string;
  placeholder?: string;
}

export function Field({ label, name, value, onChange, error, type = 'text', placeholder }: FieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        type={type}
        value={value}
        placeholder={placeholder}
        aria-invalid={error !== undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldErrorText error={error} />
    </label>
  );
}

/** A field's refusal, read out when it appears; nothing when there is none. */
export function FieldErrorText({ error }: { error: string | undefined }) {
  return error === undefined ? null : (
    <span className="field-error" role="alert">
      {error}
    </span>
  );
}

export function SecretField(props: {
  label: string;
  name: string;
  isSaved: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field
      label={`${props.label}${props.isSaved ? ' (saved)' : ''}`}
      name={props.name}
      type="password"
      value={props.value}
      placeholder={props.isSaved ? 'leave empty to keep the saved one' : ''}
      onChange={props.onChange}
    />
  );
}

export interface Outcome {
  ok: boolean;
  text: string;
  fieldErrors?: Record<string, string>;
}

export function outcomeOf(error: unknown): Outcome {
  if (error instanceof PorchlightError) {
    // The contract's own refusal names its handler; a person reads what to fix, field by field.
    const fields = error.fieldErrors === undefined ? [] : Object.values(error.fieldErrors);
    return {
      ok: false,
      text:
        error.code === 'invalid_args' && fields.length > 0
          ? `Not saved: ${fields.join('; ').replace(/\.$/, '')}.`
          : error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    };
  }
  return { ok: false, text: error instanceof Error ? error.message : String(error) };
}

export function OutcomeLine({ outcome }: { outcome: Outcome | null }) {
  if (outcome === null) return null;
  return (
    <p className={outcome.ok ? 'outcome ok' : 'outcome error'} role="status">
      <PlaceText text={outcome.text} />
    </p>
  );
}
