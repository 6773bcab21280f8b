// What every administration form shares: the server's errors by field next to the field (a
// field shows the errors of its own path and of anything under it), a summary of them at the top
// of the form that a screen reader announces, and a short confirmation after a save.
import { Checkbox, Field, MessageBar, MessageBarBody, MessageBarTitle, type FieldProps } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { Button } from '@fluentui/react-components';
import { send, type Fields, type Json } from '../api';

export function errorFor(fields: Fields, path: string): string | undefined {
  const own = fields[path];
  if (own) return own;
  const under = Object.entries(fields).find(([k]) => k.startsWith(`${path}.`));
  return under?.[1];
}

/** A Fluent field with the server's error for `path` under it. */
export function FormField({ fields, path, children, ...rest }: { fields: Fields; path: string; children: FieldProps['children'] } & Omit<FieldProps, 'children'>) {
  const error = errorFor(fields, path);
  return (
    <Field {...rest} {...(error ? { validationMessage: error, validationState: 'error' as const } : {})}>
      {children}
    </Field>
  );
}

export function ErrorSummary({ error, fields, labels = {} }: { error: string; fields: Fields; labels?: Record<string, string> }) {
  if (!error) return null;
  const items = Object.entries(fields);
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{error}</MessageBarTitle>
        {items.length ? (
          <ul className="error-list">
            {items.map(([path, message]) => (
              <li key={path}>{labels[path] ? `${labels[path]}: ${message}` : message}</li>
            ))}
          </ul>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Done({ children }: { children: ReactNode }) {
  return (
    <MessageBar intent="success" role="status">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}

// Numbers typed into a form: a number where it is one, the text itself otherwise (the server's
// schema then says "Skriv ett tal." next to the field).
export function numberOrText(text: string): number | string {
  const t = text.trim().replace(',', '.');
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : text;
}

/** Several choices as checkboxes in a fieldset, the server's error for `path` under them. */
export function CheckGroup({ fields, path, legend, choices, chosen, onChange }: { fields: Fields; path: string; legend: string; choices: Array<{ value: string; text: string }>; chosen: string[]; onChange: (next: string[]) => void }) {
  const error = errorFor(fields, path);
  return (
    <fieldset className={error ? 'check-group has-error' : 'check-group'}>
      <legend>{legend}</legend>
      <div className="checks">
        {choices.map((c) => (
          <Checkbox key={c.value} label={c.text} checked={chosen.includes(c.value)} onChange={(_e, d) => onChange(d.checked ? [...chosen, c.value] : chosen.filter((x) => x !== c.value))} />
        ))}
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

/** Sends a form and keeps what the server said about it: its errors by field, or nothing. */
export function useSubmit() {
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (method: 'POST' | 'PUT', path: string, body: unknown): Promise<Json | null> => {
    setBusy(true);
    const res = await send(method, path, body);
    setBusy(false);
    setError(res.ok ? '' : res.error);
    setFields(res.ok ? {} : res.fields);
    return res.ok ? res.data : null;
  };
  const reset = () => {
    setError('');
    setFields({});
  };
  return { fields, error, busy, submit, reset };
}

export function FormActions({ busy, submitText, onCancel }: { busy: boolean; submitText: string; onCancel: () => void }) {
  return (
    <div className="form-actions">
      <Button appearance="primary" type="submit" disabled={busy}>
        {submitText}
      </Button>
      <Button onClick={onCancel}>Avbryt</Button>
    </div>
  );
}
