// The principal's application dialog: one state per step, answers kept in context.draft, every
// rule delegated to domain/review. The turn runner restores a snapshot, sends one event and
// persists getPersistedSnapshot(). The machine is built once; the environment (profile, units,
// clock) is supplied per turn with provide() (applicationMachineFor), so snapshots hold only the
// principal's answers.
import { assign, emit, not, setup, type SnapshotFrom } from 'xstate';
import type { TAttachment, TAttachmentKind, TMeasure, TApplicationDraft, Problem } from '../domain/schemas';
import { mergeDraft, type DraftPatch } from '../domain/draft';
import { APPLICATION_STEPS, stepOfField, type ApplicationStep } from './application.steps';
import { maySign, measureProblems, reviewForSignature, stepProblems, submissionReview, type ApplicationEnv } from './application.rules';
import { stripProtectedIdentity } from '../domain/review';
import { editingTransitions, fieldErrorsOf, hasInputErrors, inputErrorsShown, staleCardTransitions, stepStates, stepTransitions, type FieldErrors } from './step-navigation';
import { turnEnvironment, type TurnEnvironment } from './turn-env';

export type { ApplicationEnv };
export type { FieldErrors };

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
  // A drafter's draft waiting for the principal: when it was sent, and the principal's comment
  // when it came back.
  sentForSignatureAt?: string;
  returnComment?: string;
}

// What a card's own form held when a page-wide button (Nästa, Tillbaka, Spara) was pressed
// instead of the form's button: applied when it is valid, otherwise held with its messages.
export interface PendingMeasure {
  measure?: TMeasure;
  // The form's values that did not parse, keyed by input id ("measure.hoursPerWeek").
  inputErrors?: FieldErrors;
}

interface StepValues {
  values: DraftPatch;
  // Values the server could not parse (wrong type), keyed by input id.
  inputErrors?: FieldErrors;
  // The new-measure form, filled in but not added with "Lägg till insats".
  newMeasure?: PendingMeasure;
  // The kind chosen for the file the card asks about, not saved with "Spara typ".
  attachmentKind?: TAttachmentKind;
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
  // A drafter: the finished draft goes to the unit's principal instead of being signed.
  | ({ type: 'app.sendForSignature' } & StepValues)
  // The principal, on a draft sent for signature: sign (submits it) or send it back.
  | { type: 'signature.sign' }
  | { type: 'signature.return'; comment: string }
  | { type: 'draft.discard' }
  | { type: 'draft.discard.confirm' }
  | { type: 'draft.discard.cancel' };

export interface ApplicationInput {
  draft?: TApplicationDraft;
}

// An older card of the draft (a second tab, a card above in the chat) carried a step the draft
// is no longer on: the machine ignores what it carried and says so, and the turn tells the
// principal that nothing from it was saved.
export type ApplicationEmitted = { type: 'draft.staleCard' };

type Args = { context: ApplicationContext; event: ApplicationEvent };
// assign and emit bound to this machine's types: the implementations live outside setup() so a
// turn can provide() them with its own environment.
const set = assign<ApplicationContext, ApplicationEvent, undefined, ApplicationEvent, never>;
const say = emit<ApplicationContext, ApplicationEvent, undefined, ApplicationEvent, ApplicationEmitted>;

function eventValues(event: ApplicationEvent): DraftPatch {
  return 'values' in event ? event.values : {};
}

function pendingMeasure(event: ApplicationEvent): PendingMeasure | undefined {
  return 'newMeasure' in event ? event.newMeasure : undefined;
}

function withAttachmentKind(draft: TApplicationDraft, attachmentId: string | undefined, kind: TAttachmentKind | undefined): TApplicationDraft {
  if (!attachmentId || !kind || !(draft.attachments ?? []).some((a) => a.id === attachmentId)) return draft;
  return { ...draft, attachments: (draft.attachments ?? []).map((a) => (a.id === attachmentId ? { ...a, kind } : a)) };
}

// A new measure typed on the card but not added, which cannot be: whichever way the card is left
// or saved, the measure stays in its form with its messages.
const pendingMeasureHeld = { guard: 'pendingMeasureRefused', actions: ['mergeValues', 'holdPendingMeasure'] } as const;

// The rules that need the turn's environment. The machine below is built once with the running
// turn's environment (applicationTurnEnv); applicationMachineFor provides a fixed one instead.
function implementations(env: ApplicationEnv) {
  // Why a filled-in new measure cannot be added, or null when it can (or there is none).
  const pendingMeasureErrors = (context: ApplicationContext, event: ApplicationEvent): FieldErrors | null => {
    const pending = pendingMeasure(event);
    if (!pending) return null;
    if (pending.inputErrors && Object.keys(pending.inputErrors).length > 0) return pending.inputErrors;
    if (!pending.measure) return null;
    const problems = measureProblems(context.draft, pending.measure, env);
    return problems.length > 0 ? fieldErrorsOf(problems) : null;
  };
  // The card's answers, plus what its own forms held: a valid new measure is added and a chosen
  // attachment kind is set, exactly as their own buttons would have done.
  // The guards of one event ask for it several times; the answer is kept for that context and event.
  let lastMerged: { context: ApplicationContext; event: ApplicationEvent; draft: TApplicationDraft } | undefined;
  const merged = (context: ApplicationContext, event: ApplicationEvent) => {
    if (lastMerged && lastMerged.context === context && lastMerged.event === event) return lastMerged.draft;
    const draft = mergeFresh(context, event);
    lastMerged = { context, event, draft };
    return draft;
  };
  const mergeFresh = (context: ApplicationContext, event: ApplicationEvent) => {
    let draft = stripProtectedIdentity(mergeDraft(context.draft, eventValues(event)));
    const measure = pendingMeasure(event)?.measure;
    if (measure && !pendingMeasureErrors(context, event)) draft = { ...draft, measures: [...(draft.measures ?? []), measure] };
    if ('attachmentKind' in event) draft = withAttachmentKind(draft, context.pendingAttachmentId, event.attachmentKind);
    return draft;
  };
  // The next file without a kind, once the pending one has its kind.
  const nextPending = (draft: TApplicationDraft) => draft.attachments?.find((a) => !a.kind)?.id;
  return {
    guards: {
      isStaleStep: ({ context, event }: Args) => 'step' in event && event.step !== context.step,
      hasInputErrors: ({ event }: Args) => hasInputErrors(event),
      pendingMeasureRefused: ({ context, event }: Args) => pendingMeasureErrors(context, event) !== null,
      registeredElsewhere: ({ context, event }: Args) =>
        stepProblems(merged(context, event), 'pupil', env).some((p) => p.code === 'pupil.registeredMunicipality.other'),
      stepValid: ({ context, event }: Args) => stepProblems(merged(context, event), context.step, env).length === 0,
      submissionReady: ({ context, event }: Args) => submissionReview(merged(context, event), env).ready,
      // Only the summary's own answer (the signature) is missing: the message belongs under it,
      // on the same card, not on a list of problems that replaces the summary.
      // Problems the summary can show under its own fields. A missing follow-up is not one: it
      // is fixed outside this draft, so it gets the problems card with its button.
      onlySummaryProblems: ({ context, event }: Args) =>
        submissionReview(merged(context, event), env).problems.every((p) => stepOfField(p.field) === 'summary' && p.code !== 'followUp.missing'),
      measureValid: ({ context, event }: Args) =>
        event.type === 'measure.add' && measureProblems(context.draft, event.measure, env).length === 0,
      measureAlreadyAdded: ({ context, event }: Args) =>
        event.type === 'measure.add' && (context.draft.measures ?? []).some((m) => m.id === event.measure.id),
      measureExists: ({ context, event }: Args) =>
        event.type === 'measure.remove' && (context.draft.measures ?? []).some((m) => m.id === event.measureId),
      hasDraftContent: ({ context }: Args) => Object.keys(context.draft).length > 0,
      maySign: ({ context, event }: Args) => maySign(merged(context, event), env),
      readyForSignature: ({ context, event }: Args) => reviewForSignature(merged(context, event), env).ready,
      signReady: ({ context }: Args) => maySign(context.draft, env) && reviewForSignature(context.draft, env).ready,
      hasComment: ({ event }: Args) => event.type === 'signature.return' && event.comment.trim() !== '',
    },
    actions: {
      mergeValues: set(({ context, event }) => {
        const draft = merged(context, event);
        return 'attachmentKind' in event && event.attachmentKind ? { draft, pendingAttachmentId: nextPending(draft) } : { draft };
      }),
      // The new measure stays in its form with the messages beside it (the card is given back
      // what was typed); nothing else on the card is lost, it is merged as usual.
      holdPendingMeasure: set({
        errors: ({ context, event }) => pendingMeasureErrors(context, event) ?? {},
        notice: undefined,
      }),
      clearErrors: set({ errors: {}, notice: undefined, problems: [], warnings: [] }),
      showInputErrors: set({
        errors: ({ event }) => ('inputErrors' in event && event.inputErrors) || {},
        notice: undefined,
      }),
      showStepErrors: set({
        errors: ({ context }) => fieldErrorsOf(stepProblems(context.draft, context.step, env)),
        notice: undefined,
      }),
      showProblems: set(({ context }) => {
        const review = submissionReview(context.draft, env);
        return { problems: review.problems, warnings: review.warnings, errors: fieldErrorsOf(review.problems) };
      }),
      showProblemsUnsigned: set(({ context }) => {
        const review = reviewForSignature(context.draft, env);
        return { problems: review.problems, warnings: review.warnings, errors: fieldErrorsOf(review.problems) };
      }),
      showSignOnlyPrincipal: set({
        errors: {},
        notice: 'Bara rektorn för enheten kan skriva under. Tryck Skicka till rektor för underskrift.',
      }),
      markSentForSignature: set(({ context }) => {
        const { signature: _unsigned, ...draft } = context.draft;
        return { draft, sentForSignatureAt: env.now().toISOString(), returnComment: undefined, errors: {}, notice: undefined, problems: [], warnings: [] };
      }),
      signDraft: set(({ context }) => ({ draft: { ...context.draft, signature: { confirmed: true } } })),
      recordReturn: set(({ event }) => {
        if (event.type !== 'signature.return') return {};
        const comment = event.comment.trim();
        return { returnComment: comment, sentForSignatureAt: undefined, notice: `Rektorn skickade tillbaka ansökan: ${comment}` };
      }),
      stampSubmitted: set({ submittedAt: () => env.now().toISOString(), errors: {}, problems: [] }),
      addMeasure: set(({ context, event }) => {
        if (event.type !== 'measure.add') return {};
        // The ordinary-measure warning is shown once, beside the measure in the list (step-view).
        const measures = [...(context.draft.measures ?? []), event.measure];
        return { draft: { ...context.draft, measures } };
      }),
      showMeasureErrors: set(({ context, event }) => {
        if (event.type !== 'measure.add') return {};
        return { errors: fieldErrorsOf(measureProblems(context.draft, event.measure, env)), notice: undefined };
      }),
      noteStaleCard: say({ type: 'draft.staleCard' }),
      removeMeasure: set({
        draft: ({ context, event }) =>
          event.type !== 'measure.remove'
            ? context.draft
            : { ...context.draft, measures: (context.draft.measures ?? []).filter((m) => m.id !== event.measureId) },
      }),
      addAttachment: set(({ context, event }) => {
        if (event.type !== 'attachment.added') return {};
        return {
          draft: { ...context.draft, attachments: [...(context.draft.attachments ?? []), event.attachment] },
          pendingAttachmentId: event.attachment.id,
        };
      }),
      setAttachmentKind: set(({ context, event }) => {
        if (event.type !== 'attachment.kind') return {};
        const attachments = (context.draft.attachments ?? []).map((a) =>
          a.id === event.attachmentId ? { ...a, kind: event.kind } : a,
        );
        const next = attachments.find((a) => !a.kind);
        return { draft: { ...context.draft, attachments }, pendingAttachmentId: next?.id, errors: {} };
      }),
    },
  };
}

// The environment of the turn running the machine (machines/turn-env.ts).
const turnEnv = turnEnvironment<ApplicationEnv>(
  'the application machine needs an environment: run it inside applicationTurnEnv.run(env, …) or use applicationMachineFor(env)',
);
export const applicationTurnEnv: Pick<TurnEnvironment<ApplicationEnv>, 'run'> = { run: turnEnv.run };

function buildApplicationMachine() {
  const application = setup({
    types: {
      context: {} as ApplicationContext,
      events: {} as ApplicationEvent,
      input: {} as ApplicationInput,
      emitted: {} as ApplicationEmitted,
    },
    ...implementations(turnEnv.env),
  });

  const lastStep = APPLICATION_STEPS[APPLICATION_STEPS.length - 1];
  const stepStateConfigs = stepStates(APPLICATION_STEPS, (step) => {
    const navigation = stepTransitions(APPLICATION_STEPS, step, {
      hold: [pendingMeasureHeld],
      divert: step === 'pupil' ? [{ guard: 'registeredElsewhere', target: 'wrongMunicipality', actions: ['mergeValues', 'clearErrors'] }] : [],
    });
    return application.createStateConfig({
      entry: assign({ step }),
      on: {
        ...navigation,
        ...(step === lastStep
          ? {
              'app.submit': [
                inputErrorsShown,
                { guard: not('maySign'), actions: ['mergeValues', 'showSignOnlyPrincipal'] },
                { guard: 'submissionReady', target: '#application.submitted', actions: ['mergeValues', 'stampSubmitted'] },
                { guard: 'onlySummaryProblems', actions: ['mergeValues', 'showStepErrors'] },
                { target: 'problems', actions: ['mergeValues', 'showProblems'] },
              ],
              'app.sendForSignature': [
                inputErrorsShown,
                { guard: 'readyForSignature', target: '#application.awaitingSignature', actions: ['mergeValues', 'markSentForSignature'] },
                { target: 'problems', actions: ['mergeValues', 'showProblemsUnsigned'] },
              ],
            }
          : {}),
        ...(step === 'measures'
          ? {
              'measure.add': [
                // The same card again (double click, retried invoke): its measure is already in.
                { guard: 'measureAlreadyAdded' },
                { guard: 'hasInputErrors', actions: 'showInputErrors' },
                { guard: 'measureValid', actions: ['clearErrors', 'addMeasure'] },
                { actions: 'showMeasureErrors' },
              ],
              'measure.remove': { guard: 'measureExists', actions: ['removeMeasure', 'clearErrors'] },
            }
          : {}),
      },
    });
  });

  return application.createMachine({
    id: 'application',
    initial: 'editing',
    on: staleCardTransitions,
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
          ...editingTransitions(APPLICATION_STEPS, { hold: [pendingMeasureHeld] }),
          'attachment.added': { target: '.attachments', actions: ['addAttachment', 'clearErrors'] },
          'attachment.kind': {
            guard: ({ context, event }) =>
              event.type === 'attachment.kind' && (context.draft.attachments ?? []).some((a) => a.id === event.attachmentId),
            actions: 'setAttachmentKind',
          },
          'draft.discard': 'confirmDiscard',
        },
        states: {
          ...stepStateConfigs,
          // Submission found problems: the card lists them, each with a button to its step.
          problems: {},
          // Registered in another municipality: the application goes to the home municipality.
          wrongMunicipality: {
            on: { 'step.back': [{ guard: 'isStaleStep', actions: 'noteStaleCard' }, { target: 'pupil', actions: 'clearErrors' }] },
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
      // A drafter's draft with the principal: the drafter's own cards are ignored meanwhile; the
      // principal signs it (and it is submitted) or sends it back to the summary with a comment.
      awaitingSignature: {
        on: {
          'signature.sign': [
            { guard: 'signReady', target: 'submitted', actions: ['signDraft', 'stampSubmitted'] },
            { actions: 'showProblems' },
          ],
          'signature.return': { guard: 'hasComment', target: '#application.editing.summary', actions: ['recordReturn'] },
        },
      },
      submitted: { type: 'final' },
      discarded: { type: 'final' },
    },
  });
}

// Built once per process; a turn runs it inside applicationTurnEnv.run(env, …).
export const applicationMachine = buildApplicationMachine();
export type ApplicationMachine = typeof applicationMachine;
export type ApplicationSnapshot = SnapshotFrom<ApplicationMachine>;

// A machine of its own for one environment (tests, and callers that keep an actor across events).
export function applicationMachineFor(env: ApplicationEnv): ApplicationMachine {
  return applicationMachine.provide(implementations(env));
}

// The name tests and older callers know.
export const createApplicationMachine = applicationMachineFor;
