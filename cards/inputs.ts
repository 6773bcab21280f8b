// Inputs whose `id` is the data-dictionary path, each followed by its server-side error (if
// any). The error TextBlock carries the id "error:<path>" so the step frame can tell which
// errors found their input and list the rest at the top.
import type { CardElement } from './types';
import { text } from './card';

export type Errors = Record<string, string>;

export const ERROR_ID_PREFIX = 'error:';

// The bot refuses longer texts (app/card-input.ts); the client stops typing at the same limit.
export const MAX_TEXT_LENGTH = 4000;

export function errorText(field: string, message: string): CardElement {
  return text(message, { id: `${ERROR_ID_PREFIX}${field}`, color: 'attention', size: 'small', spacing: 'small' });
}

// The input, then its error right under it.
function withError(input: CardElement, errors: Errors): CardElement[] {
  const id = input.id as string;
  const message = errors[id];
  return message ? [input, errorText(id, message)] : [input];
}

type Base = {
  id: string;
  label: string;
  errorMessage: string;
  required?: boolean;
};

function base(b: Base): Record<string, unknown> {
  const out: Record<string, unknown> = { id: b.id, label: b.label, errorMessage: b.errorMessage };
  // Required inputs are announced as such and block Nästa in the client until filled in.
  if (b.required) out.isRequired = true;
  return out;
}

export function textInput(
  b: Base & { value?: string; placeholder?: string; multiline?: boolean; maxLength?: number; regex?: string },
  errors: Errors,
): CardElement[] {
  const input: CardElement = { type: 'Input.Text', ...base(b) };
  if (b.placeholder) input.placeholder = b.placeholder;
  if (b.multiline) input.isMultiline = true;
  const maxLength = b.maxLength ?? (b.multiline ? MAX_TEXT_LENGTH : undefined);
  if (maxLength) input.maxLength = maxLength;
  if (b.regex) input.regex = b.regex;
  if (b.value !== undefined && b.value !== '') input.value = b.value;
  return withError(input, errors);
}

// A number typed as text: Input.Number refuses the Swedish decimal comma ("32,5") and spaces in
// kronor ("25 000") in the client, with a message that does not say why, and then blocks the
// card. The bot parses and checks every number (app/card-input.ts) and answers next to the field.
export function numberInput(b: Base & { value?: number; placeholder?: string }, errors: Errors): CardElement[] {
  const input: CardElement = { type: 'Input.Text', ...base(b), maxLength: 20 };
  if (b.placeholder) input.placeholder = b.placeholder;
  if (b.value !== undefined) input.value = String(b.value).replace('.', ',');
  return withError(input, errors);
}

export type Choice = { title: string; value: string };

export function choiceSet(
  b: Base & {
    choices: Choice[];
    value?: string | string[];
    style?: 'compact' | 'expanded';
    multiSelect?: boolean;
    placeholder?: string;
  },
  errors: Errors,
): CardElement[] {
  const input: CardElement = {
    type: 'Input.ChoiceSet',
    ...base(b),
    style: b.style ?? 'compact',
    choices: b.choices,
    // Long Swedish labels must wrap in the expanded list rather than be cut off.
    wrap: true,
  };
  if (b.multiSelect) input.isMultiSelect = true;
  if (b.placeholder) input.placeholder = b.placeholder;
  // A multi-select ChoiceSet takes its value as one comma-separated string.
  const value = Array.isArray(b.value) ? b.value.join(',') : b.value;
  if (value !== undefined && value !== '') input.value = value;
  return withError(input, errors);
}

// Values are the strings "true"/"false" so the bot parses one predictable pair.
export function toggle(b: Base & { title: string; value?: boolean }, errors: Errors): CardElement[] {
  const input: CardElement = {
    type: 'Input.Toggle',
    ...base(b),
    title: b.title,
    valueOn: 'true',
    valueOff: 'false',
    value: b.value ? 'true' : 'false',
    wrap: true,
  };
  return withError(input, errors);
}

// Dates travel as YYYY-MM-DD both ways, whatever the client shows.
export function dateInput(b: Base & { value?: string; min?: string; max?: string; placeholder?: string }, errors: Errors): CardElement[] {
  const input: CardElement = { type: 'Input.Date', ...base(b) };
  if (b.placeholder) input.placeholder = b.placeholder;
  if (b.min) input.min = b.min;
  if (b.max) input.max = b.max;
  if (b.value) input.value = b.value;
  return withError(input, errors);
}

// The principal's signature under a summary: one wording for the application and the follow-up.
export function signatureToggle(confirmed: boolean, errors: Errors, signs: 'ansökan' | 'uppföljningen'): CardElement[] {
  return toggle(
    {
      id: 'signature.confirmed',
      label: 'Underskrift',
      title: 'Jag är ansvarig rektor/förskolechef och intygar att uppgifterna stämmer',
      errorMessage: `Kryssa i rutan för att skriva under ${signs}.`,
      value: confirmed,
    },
    errors,
  );
}
