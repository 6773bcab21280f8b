// How a step-by-step dialog moves between its steps, shared by the application and the follow-up
// machines: Nästa checks the step, Tillbaka never does, Spara keeps whatever was typed, a card of
// a step the dialog is no longer on is ignored and said so, and values the server could not parse
// stay on the card with their messages. The transitions name guards and actions that each machine
// implements under these names (its own rules decide what "stepValid" means); a machine adds its
// own checks before a move with `hold` (every way off the card) and `divert` (Nästa only).
import type { Problem } from '../domain/schemas';

export type FieldErrors = Record<string, string>;

// One message per field; two problems on one field (two missing attachments) are both shown.
export function fieldErrorsOf(problems: Problem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) errors[p.field] = errors[p.field] ? `${errors[p.field]} ${p.message}` : p.message;
  return errors;
}

export function hasInputErrors(event: { type: string }): boolean {
  return 'inputErrors' in event && !!event.inputErrors && Object.keys(event.inputErrors).length > 0;
}

const staleCard = { guard: 'isStaleStep', actions: 'noteStaleCard' } as const;

// Values the server could not parse stay on the card with their messages; the rest is kept. First
// on Nästa and on the last step's send.
export const inputErrorsShown = { guard: 'hasInputErrors', actions: ['mergeValues', 'showInputErrors'] } as const;

// At the machine's root: a stale card in a state that takes no such event (a problem list, the
// discard question) is still ignored, and still said.
export const staleCardTransitions = {
  'step.next': staleCard,
  'step.back': staleCard,
  'draft.save': staleCard,
} as const;

export interface StepNavigation<T, D = T> {
  // Checked first on Nästa, Tillbaka and Spara after the stale-card check (and on Nästa after
  // unparsable values): something on the card that keeps the principal on it.
  hold?: readonly T[];
  // Checked on Nästa just before the step's own rules: a step that can lead elsewhere.
  divert?: readonly D[];
}

// Nästa to the next step and Tillbaka to the previous one, where there is one. The last step has
// no Nästa: each machine sends or files from it in its own way.
export function stepTransitions<S extends string, const T = never, const D = never>(steps: readonly S[], step: S, { hold = [], divert = [] }: StepNavigation<T, D> = {}) {
  const index = steps.indexOf(step);
  const next = steps[index + 1];
  const previous = steps[index - 1];
  return {
    ...(next
      ? {
          'step.next': [
            staleCard,
            inputErrorsShown,
            ...hold,
            ...divert,
            { guard: 'stepValid', target: next, actions: ['mergeValues', 'clearErrors'] },
            { actions: ['mergeValues', 'showStepErrors'] },
          ] as const,
        }
      : {}),
    ...(previous ? { 'step.back': [staleCard, ...hold, { target: previous, actions: ['mergeValues', 'clearErrors'] }] as const } : {}),
  };
}

// On the state that holds the steps: a problem's button goes to its step, and Spara keeps
// whatever was typed, valid or not, so nothing a principal wrote is lost.
export function editingTransitions<S extends string, const T = never>(steps: readonly S[], { hold = [] }: Pick<StepNavigation<T>, 'hold'> = {}) {
  return {
    'step.goto': steps.map((step) => ({
      guard: ({ event }: { event: { type: string; step?: unknown } }) => event.type === 'step.goto' && event.step === step,
      target: `.${step}`,
      actions: 'clearErrors' as const,
    })),
    'draft.save': [staleCard, ...hold, { actions: 'mergeValues' }] as const,
  };
}

// One state config per step, keyed by the step again: Object.fromEntries loses the step names,
// and with them the machine's state value type would no longer name every step.
export function stepStates<S extends string, C>(steps: readonly S[], state: (step: S) => C): Record<S, C> {
  return Object.fromEntries(steps.map((step) => [step, state(step)])) as Record<S, C>;
}
