// The principal's application dialog: one state per step, answers kept in context.draft, every
// rule delegated to domain/review. The turn runner restores a snapshot, sends one event and
// persists getPersistedSnapshot(); the environment (profile, units, clock) is supplied per turn
// through createApplicationMachine, so snapshots hold only the principal's answers.
import { assign, setup } from 'xstate';
import type { TAttachment, TAttachmentKind, TMeasure, TApplicationDraft, Problem } from '../domain/schemas';
import { mergeDraft, type DraftPatch } from '../domain/draft';
import { APPLICATION_STEPS, type ApplicationStep } from './application.steps';
import { measureProblems, stepProblems, submissionReview, type ApplicationEnv } from './application.rules';
import { isOrdinaryMeasure, ordinaryMeasureNotice, stripProtectedIdentity } from '../domain/review';

export type { ApplicationEnv };
export type FieldErrors = Record<string, string>;

export interface ApplicationContext {
  draft: TApplicationDraft;
  // The step shown last: where resume, "Nej, behåll" and stale-card checks lead.
  step: ApplicationStep;
  errors: FieldErrors;
  notice?: string;
  problems: Problem[];
  warnings: Problem[];
  pendingAttachmentId?: string;
  submittedAt?: string;
}

interface StepValues {
  values: DraftPatch;
  // Values the server could not parse (wrong type), keyed by input id.
  inputErrors?: FieldErrors;
}

export type ApplicationEvent =
  | ({ type: 'step.next'; step: ApplicationStep } & StepValues)
  | ({ type: 'step.back'; step: ApplicationStep } & StepValues)
  | ({ type: 'draft.save'; step: ApplicationStep } & StepValues)
  | { type: 'step.goto'; step: ApplicationStep }
  | { type: 'measure.add'; measure: TMeasure; inputErrors?: FieldErrors }
  | { type: 'measure.remove'; measureId: string }
  | { type: 'attachment.added'; attachment: TAttachment }
  | { type: 'attachment.kind'; attachmentId: string; kind: TAttachmentKind }
  | ({ type: 'app.submit' } & StepValues)
  | { type: 'draft.discard' }
  | { type: 'draft.discard.confirm' }
  | { type: 'draft.discard.cancel' };

export interface ApplicationInput {
  draft?: TApplicationDraft;
}

// One message per field; two problems on one field (two missing attachments) are both shown.
const toRecord = (problems: Problem[]): FieldErrors => {
  const errors: FieldErrors = {};
  for (const p of problems) errors[p.field] = errors[p.field] ? `${errors[p.field]} ${p.message}` : p.message;
  return errors;
};

function eventValues(event: ApplicationEvent): DraftPatch {
  return 'values' in event ? event.values : {};
}

function hasInputErrors(event: ApplicationEvent): boolean {
  return 'inputErrors' in event && !!event.inputErrors && Object.keys(event.inputErrors).length > 0;
}

export function createApplicationMachine(env: ApplicationEnv) {
  const merged = (context: ApplicationContext, event: ApplicationEvent) =>
    stripProtectedIdentity(mergeDraft(context.draft, eventValues(event)));

  const application = setup({
    types: {
      context: {} as ApplicationContext,
      events: {} as ApplicationEvent,
      input: {} as ApplicationInput,
    },
    guards: {
      isStaleStep: ({ context, event }) => 'step' in event && event.step !== context.step,
      hasInputErrors: ({ event }) => hasInputErrors(event),
      registeredElsewhere: ({ context, event }) =>
        stepProblems(merged(context, event), 'pupil', env).some((p) => p.code === 'pupil.registeredMunicipality.other'),
      stepValid: ({ context, event }) => stepProblems(merged(context, event), context.step, env).length === 0,
      submissionReady: ({ context, event }) => submissionReview(merged(context, event), env).ready,
      measureValid: ({ context, event }) =>
        event.type === 'measure.add' && measureProblems(context.draft, event.measure, env).length === 0,
      measureExists: ({ context, event }) =>
        event.type === 'measure.remove' && (context.draft.measures ?? []).some((m) => m.id === event.measureId),
      hasDraftContent: ({ context }) => Object.keys(context.draft).length > 0,
    },
    actions: {
      mergeValues: assign({ draft: ({ context, event }) => merged(context, event) }),
      clearErrors: assign({ errors: {}, notice: undefined, problems: [], warnings: [] }),
      showInputErrors: assign({
        errors: ({ event }) => ('inputErrors' in event && event.inputErrors) || {},
        notice: undefined,
      }),
      showStepErrors: assign({
        errors: ({ context }) => toRecord(stepProblems(context.draft, context.step, env)),
        notice: undefined,
      }),
      showProblems: assign(({ context }) => {
        const review = submissionReview(context.draft, env);
        return { problems: review.problems, warnings: review.warnings, errors: toRecord(review.problems) };
      }),
      stampSubmitted: assign({ submittedAt: () => env.now().toISOString(), errors: {}, problems: [] }),
      addMeasure: assign(({ context, event }) => {
        if (event.type !== 'measure.add') return {};
        const measures = [...(context.draft.measures ?? []), event.measure];
        return {
          draft: { ...context.draft, measures },
          notice: isOrdinaryMeasure(event.measure.type) ? ordinaryMeasureNotice(event.measure.type) : undefined,
        };
      }),
      showMeasureErrors: assign(({ context, event }) => {
        if (event.type !== 'measure.add') return {};
        return { errors: toRecord(measureProblems(context.draft, event.measure, env)), notice: undefined };
      }),
      removeMeasure: assign({
        draft: ({ context, event }) =>
          event.type !== 'measure.remove'
            ? context.draft
            : { ...context.draft, measures: (context.draft.measures ?? []).filter((m) => m.id !== event.measureId) },
      }),
      addAttachment: assign(({ context, event }) => {
        if (event.type !== 'attachment.added') return {};
        return {
          draft: { ...context.draft, attachments: [...(context.draft.attachments ?? []), event.attachment] },
          pendingAttachmentId: event.attachment.id,
        };
      }),
      setAttachmentKind: assign(({ context, event }) => {
        if (event.type !== 'attachment.kind') return {};
        const attachments = (context.draft.attachments ?? []).map((a) =>
          a.id === event.attachmentId ? { ...a, kind: event.kind } : a,
        );
        const next = attachments.find((a) => !a.kind);
        return { draft: { ...context.draft, attachments }, pendingAttachmentId: next?.id, errors: {} };
      }),
    },
  });

  // One state per step. Object.fromEntries loses the step names, so the result is keyed by
  // ApplicationStep again: the machine's state value type then names every step.
  type StateConfig = Parameters<typeof application.createStateConfig>[0];
  type Transitions = NonNullable<StateConfig['on']>;
  const stepStates = Object.fromEntries(
    APPLICATION_STEPS.map((step, index): [ApplicationStep, StateConfig] => {
      const next = APPLICATION_STEPS[index + 1];
      const previous = APPLICATION_STEPS[index - 1];
      const elsewhere: Extract<Transitions['step.next'], readonly unknown[]> =
        step === 'pupil'
          ? [{ guard: 'registeredElsewhere', target: 'wrongMunicipality', actions: ['mergeValues', 'clearErrors'] }]
          : [];
      const forward: Transitions = next
        ? {
            'step.next': [
              { guard: 'isStaleStep', actions: [] },
              { guard: 'hasInputErrors', actions: ['mergeValues', 'showInputErrors'] },
              ...elsewhere,
              { guard: 'stepValid', target: next, actions: ['mergeValues', 'clearErrors'] },
              { actions: ['mergeValues', 'showStepErrors'] },
            ],
          }
        : {
            'app.submit': [
              { guard: 'hasInputErrors', actions: ['mergeValues', 'showInputErrors'] },
              { guard: 'submissionReady', target: '#application.submitted', actions: ['mergeValues', 'stampSubmitted'] },
              { target: 'problems', actions: ['mergeValues', 'showProblems'] },
            ],
          };
      const backward: Transitions = previous
        ? { 'step.back': [{ guard: 'isStaleStep', actions: [] }, { target: previous, actions: ['mergeValues', 'clearErrors'] }] }
        : {};
      const measureEvents: Transitions =
        step === 'measures'
          ? {
              'measure.add': [
                { guard: 'hasInputErrors', actions: 'showInputErrors' },
                // Errors are cleared first: addMeasure sets the ordinary-measure notice, which must survive.
                { guard: 'measureValid', actions: ['clearErrors', 'addMeasure'] },
                { actions: 'showMeasureErrors' },
              ],
              'measure.remove': { guard: 'measureExists', actions: ['removeMeasure', 'clearErrors'] },
            }
          : {};
      return [step, application.createStateConfig({ entry: assign({ step }), on: { ...forward, ...backward, ...measureEvents } })];
    }),
  ) as Record<ApplicationStep, StateConfig>;

  const gotoTransitions = APPLICATION_STEPS.map((step) => ({
    guard: ({ event }: { event: ApplicationEvent }) => event.type === 'step.goto' && event.step === step,
    target: `.${step}`,
    actions: 'clearErrors' as const,
  }));

  return application.createMachine({
    id: 'application',
    initial: 'editing',
    context: ({ input }) => ({
      draft: input?.draft ?? {},
      step: APPLICATION_STEPS[0],
      errors: {},
      problems: [],
      warnings: [],
    }),
    states: {
      editing: {
        initial: 'unitTerm',
        on: {
          'step.goto': gotoTransitions,
          // Saving keeps whatever was typed, valid or not: nothing a principal wrote is lost.
          'draft.save': [{ guard: 'isStaleStep', actions: [] }, { actions: 'mergeValues' }],
          'attachment.added': { target: '.attachments', actions: ['addAttachment', 'clearErrors'] },
          'attachment.kind': {
            guard: ({ context, event }) =>
              event.type === 'attachment.kind' && (context.draft.attachments ?? []).some((a) => a.id === event.attachmentId),
            actions: 'setAttachmentKind',
          },
          'draft.discard': 'confirmDiscard',
        },
        states: {
          ...stepStates,
          // Submission found problems: the card lists them, each with a button to its step.
          problems: {},
          // Registered in another municipality: the application goes to the home municipality.
          wrongMunicipality: {
            on: { 'step.back': { target: 'pupil', actions: 'clearErrors' } },
          },
          resume: { type: 'history', history: 'shallow' },
        },
      },
      confirmDiscard: {
        on: {
          'draft.discard.confirm': 'discarded',
          'draft.discard.cancel': 'editing.resume',
        },
      },
      submitted: { type: 'final' },
      discarded: { type: 'final' },
    },
  });
}

export type ApplicationMachine = ReturnType<typeof createApplicationMachine>;
