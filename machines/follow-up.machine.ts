// The principal's follow-up dialog (uppföljning) for one granted case and term: one state per
// step, answers in context.draft, every rule delegated to domain/follow-up (reviewFollowUp). Built
// once; each turn provides its environment (the approved measures, the profile, the clock) with
// followUpMachineFor(env), so snapshots hold only the principal's answers. Same shape as the
// application machine: stale cards are ignored and said so, saving keeps whatever was typed.
import { assign, emit, setup, type SnapshotFrom } from 'xstate';
import type { TAttachment, TAttachmentKind, TMeasure, Problem } from '../domain/schemas';
import type { TMunicipalityProfile } from '../domain/profile';
import { reviewFollowUp, type TFollowUpDraft } from '../domain/follow-up';
import { FOLLOW_UP_STEPS, followUpStepOfField, type FollowUpStep } from './follow-up.steps';
import { editingTransitions, fieldErrorsOf, hasInputErrors, inputErrorsShown, staleCardTransitions, stepStates, stepTransitions, type FieldErrors } from './step-navigation';
import { turnEnvironment, type TurnEnvironment } from './turn-env';

export type { FieldErrors };

export interface FollowUpEnv {
  profile: Pick<TMunicipalityProfile, 'assessment' | 'amount'>;
  // The measures the decision approved.
  measures: readonly TMeasure[];
  now: () => Date;
}

export interface FollowUpContext {
  caseId: string;
  term: string;
  draft: TFollowUpDraft;
  step: FollowUpStep;
  errors: FieldErrors;
  problems: Problem[];
  warnings: Problem[];
  submittedAt?: string;
}

// A patch of answers from one card: measures and areas merge one by one.
export type FollowUpPatch = TFollowUpDraft;

interface StepValues {
  values: FollowUpPatch;
  inputErrors?: FieldErrors;
}

export type FollowUpEvent =
  | ({ type: 'step.next'; step: FollowUpStep } & StepValues)
  | ({ type: 'step.back'; step: FollowUpStep } & StepValues)
  | ({ type: 'draft.save'; step: FollowUpStep } & StepValues)
  | { type: 'step.goto'; step: FollowUpStep }
  | ({ type: 'followUp.submit' } & StepValues)
  | { type: 'attachment.added'; attachment: TAttachment & { addedOn?: string } }
  | { type: 'attachment.kind'; attachmentId: string; kind: TAttachmentKind }
  | { type: 'attachment.remove'; attachmentId: string }
  | { type: 'draft.discard' }
  | { type: 'draft.discard.confirm' }
  | { type: 'draft.discard.cancel' };

export interface FollowUpInput {
  caseId: string;
  term: string;
  draft?: TFollowUpDraft;
}

export type FollowUpEmitted = { type: 'draft.staleCard' };

type Args = { context: FollowUpContext; event: FollowUpEvent };
const set = assign<FollowUpContext, FollowUpEvent, undefined, FollowUpEvent, never>;
const say = emit<FollowUpContext, FollowUpEvent, undefined, FollowUpEvent, FollowUpEmitted>;

export function mergeFollowUp(draft: TFollowUpDraft, patch: FollowUpPatch): TFollowUpDraft {
  const measures = { ...draft.measures };
  for (const [id, answer] of Object.entries(patch.measures ?? {})) measures[id] = { ...measures[id], ...answer };
  const assessment = { ...draft.assessment };
  for (const [id, rating] of Object.entries(patch.assessment ?? {})) assessment[id] = { ...assessment[id], ...rating };
  return {
    ...draft,
    ...(patch.measures ? { measures } : {}),
    ...(patch.assessment ? { assessment } : {}),
    ...(patch.continuedNeed ? { continuedNeed: { ...draft.continuedNeed, ...patch.continuedNeed } } : {}),
    ...(patch.attachments ? { attachments: patch.attachments } : {}),
    ...(patch.signature ? { signature: { ...draft.signature, ...patch.signature } } : {}),
  };
}

const eventValues = (event: FollowUpEvent): FollowUpPatch => ('values' in event ? event.values : {});

export function followUpProblems(draft: TFollowUpDraft, env: FollowUpEnv) {
  return reviewFollowUp(draft, { profile: env.profile, measures: env.measures });
}

export function followUpStepProblems(draft: TFollowUpDraft, step: FollowUpStep, env: FollowUpEnv): Problem[] {
  return followUpProblems(draft, env).problems.filter((p) => followUpStepOfField(p.field) === step);
}

function implementations(env: FollowUpEnv) {
  const merged = (context: FollowUpContext, event: FollowUpEvent) => mergeFollowUp(context.draft, eventValues(event));
  return {
    guards: {
      isStaleStep: ({ context, event }: Args) => 'step' in event && event.type !== 'step.goto' && event.step !== context.step,
      hasInputErrors: ({ event }: Args) => hasInputErrors(event),
      stepValid: ({ context, event }: Args) => followUpStepProblems(merged(context, event), context.step, env).length === 0,
      readyToFile: ({ context, event }: Args) => followUpProblems(merged(context, event), env).ready,
      attachmentExists: ({ context, event }: Args) =>
        (event.type === 'attachment.kind' || event.type === 'attachment.remove') &&
        (context.draft.attachments ?? []).some((a) => a.id === event.attachmentId),
    },
    actions: {
      mergeValues: set({ draft: ({ context, event }) => merged(context, event) }),
      clearErrors: set({ errors: {}, problems: [], warnings: [] }),
      showInputErrors: set({ errors: ({ event }) => ('inputErrors' in event && event.inputErrors) || {} }),
      showStepErrors: set({ errors: ({ context }) => fieldErrorsOf(followUpStepProblems(context.draft, context.step, env)) }),
      showProblems: set(({ context }) => {
        const review = followUpProblems(context.draft, env);
        return { problems: review.problems, warnings: review.warnings, errors: fieldErrorsOf(review.problems) };
      }),
      stampSubmitted: set({ submittedAt: () => env.now().toISOString(), errors: {}, problems: [] }),
      noteStaleCard: say({ type: 'draft.staleCard' }),
      addAttachment: set({
        draft: ({ context, event }) =>
          event.type !== 'attachment.added' ? context.draft : { ...context.draft, attachments: [...(context.draft.attachments ?? []), event.attachment] },
      }),
      setAttachmentKind: set({
        draft: ({ context, event }) =>
          event.type !== 'attachment.kind'
            ? context.draft
            : { ...context.draft, attachments: (context.draft.attachments ?? []).map((a) => (a.id === event.attachmentId ? { ...a, kind: event.kind } : a)) },
      }),
      removeAttachment: set({
        draft: ({ context, event }) =>
          event.type !== 'attachment.remove'
            ? context.draft
            : { ...context.draft, attachments: (context.draft.attachments ?? []).filter((a) => a.id !== event.attachmentId) },
      }),
    },
  };
}

// The environment of the turn running the machine (machines/turn-env.ts).
const turnEnv = turnEnvironment<FollowUpEnv>(
  'the follow-up machine needs an environment: run it inside followUpTurnEnv.run(env, …) or use followUpMachineFor(env)',
);
export const followUpTurnEnv: Pick<TurnEnvironment<FollowUpEnv>, 'run'> = { run: turnEnv.run };

function buildFollowUpMachine() {
  const followUp = setup({
    types: {
      context: {} as FollowUpContext,
      events: {} as FollowUpEvent,
      input: {} as FollowUpInput,
      emitted: {} as FollowUpEmitted,
    },
    ...implementations(turnEnv.env),
  });
  const lastStep = FOLLOW_UP_STEPS[FOLLOW_UP_STEPS.length - 1];
  const stepStateConfigs = stepStates(FOLLOW_UP_STEPS, (step) => {
    const navigation = stepTransitions(FOLLOW_UP_STEPS, step);
    return followUp.createStateConfig({
      entry: assign({ step }),
      on: {
        ...navigation,
        ...(step === lastStep
          ? {
              'followUp.submit': [
                inputErrorsShown,
                { guard: 'readyToFile', target: '#followUp.submitted', actions: ['mergeValues', 'stampSubmitted'] },
                { target: 'problems', actions: ['mergeValues', 'showProblems'] },
              ],
            }
          : {}),
      },
    });
  });

  return followUp.createMachine({
    id: 'followUp',
    initial: 'editing',
    on: staleCardTransitions,
    context: ({ input }) => ({
      caseId: input.caseId,
      term: input.term,
      draft: input.draft ?? {},
      step: FOLLOW_UP_STEPS[0],
      errors: {},
      problems: [],
      warnings: [],
    }),
    states: {
      editing: {
        initial: 'measures',
        on: {
          ...editingTransitions(FOLLOW_UP_STEPS),
          'attachment.added': { target: '.attachments', actions: ['addAttachment', 'clearErrors'] },
          'attachment.kind': { guard: 'attachmentExists', actions: 'setAttachmentKind' },
          'attachment.remove': { guard: 'attachmentExists', actions: ['removeAttachment', 'clearErrors'] },
          'draft.discard': 'confirmDiscard',
        },
        states: {
          ...stepStateConfigs,
          // Filing found problems: the card lists them, each with a button to its step.
          problems: {},
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

export const followUpMachine = buildFollowUpMachine();
export type FollowUpMachine = typeof followUpMachine;
export type FollowUpSnapshot = SnapshotFrom<FollowUpMachine>;

// A machine of its own for one environment (tests); a turn runs followUpMachine in followUpTurnEnv.
export function followUpMachineFor(env: FollowUpEnv): FollowUpMachine {
  return followUpMachine.provide(implementations(env));
}
