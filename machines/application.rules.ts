// The dialog's view of the domain rules: the whole-application review, cut per step, so a step
// and the final submission can never disagree about what is missing.
import { reviewApplication, type ReviewContext } from '../domain/review';
import type { TMunicipalityProfile } from '../domain/profile';
import type { TUnitKind } from '../domain/vocabulary';
import type { TApplicationDraft, TMeasure, TSchoolForm, Problem } from '../domain/schemas';
import { stepOfField, type ApplicationStep } from './application.steps';

export interface PrincipalUnit {
  id: string;
  kind: TUnitKind;
  schoolForms: TSchoolForm[];
}

export interface ApplicationEnv {
  profile: TMunicipalityProfile;
  // Only the units this principal leads; looked up from the database, never from card data.
  units: PrincipalUnit[];
  now: () => Date;
  outstandingFollowUps?: Array<{ caseNumber: string; term: string }>;
  // The units whose applications this person may sign. Absent: every unit above (a principal);
  // a drafter's other units are in `units` but not here, so their drafts go to the principal.
  ledUnitIds?: readonly string[];
}

// Whether the person may sign the draft for its unit (no unit yet: the review says so instead).
export function maySign(draft: TApplicationDraft, env: ApplicationEnv): boolean {
  const id = draft.unit?.id;
  return !id || !env.ledUnitIds || env.ledUnitIds.includes(id);
}

// The review of a draft that is complete but for the principal's signature: what a drafter's
// draft must pass before it goes to the principal.
export function reviewForSignature(draft: TApplicationDraft, env: ApplicationEnv) {
  return submissionReview({ ...draft, signature: { confirmed: true } }, env);
}

function reviewContext(draft: TApplicationDraft, env: ApplicationEnv): ReviewContext {
  return {
    profile: env.profile,
    today: env.now(),
    unit: env.units.find((u) => u.id === draft.unit?.id),
    outstandingFollowUps: env.outstandingFollowUps,
  };
}

function unitProblems(draft: TApplicationDraft, env: ApplicationEnv): Problem[] {
  const id = draft.unit?.id;
  if (!id || env.units.some((u) => u.id === id)) return [];
  return [
    {
      field: 'unit.id',
      code: 'unit.notLed',
      message: 'Du är inte registrerad som rektor för den enheten. Välj en av dina enheter i listan.',
    },
  ];
}

export type SubmissionReview = { ready: boolean; problems: Problem[]; warnings: Problem[] };

// One step's guards and its card ask for the review of the same draft several times (is the
// step valid, is the pupil registered elsewhere, which warnings show); drafts are never changed
// in place, so the last answer is kept for the same draft, environment and moment.
let lastReview: { draft: TApplicationDraft; env: ApplicationEnv; nowMs: number; review: SubmissionReview } | undefined;

export function submissionReview(draft: TApplicationDraft, env: ApplicationEnv): SubmissionReview {
  const nowMs = env.now().getTime();
  if (lastReview && lastReview.draft === draft && lastReview.env === env && lastReview.nowMs === nowMs) return lastReview.review;
  const review = reviewApplication(draft, reviewContext(draft, env));
  const problems = [...unitProblems(draft, env), ...review.problems];
  const result = { ready: problems.length === 0, problems, warnings: review.warnings };
  lastReview = { draft, env, nowMs, review: result };
  return result;
}

// The problems a step's own answers can fix; later steps' gaps do not block earlier ones.
export function stepProblems(draft: TApplicationDraft, step: ApplicationStep, env: ApplicationEnv): Problem[] {
  return submissionReview(draft, env).problems.filter((p) => stepOfField(p.field) === step);
}

export function stepWarnings(draft: TApplicationDraft, step: ApplicationStep, env: ApplicationEnv): Problem[] {
  return submissionReview(draft, env).warnings.filter((p) => stepOfField(p.field) === step);
}

// A new measure is checked by reviewing the draft as if it were added; its problems are
// reported on the new-measure form's inputs (measure.type, measure.hoursPerWeek, …).
export function measureProblems(draft: TApplicationDraft, measure: TMeasure, env: ApplicationEnv): Problem[] {
  const measures = [...(draft.measures ?? []), measure];
  const index = measures.length - 1;
  const own = `measures[${index}]`;
  return submissionReview({ ...draft, measures }, env)
    .problems.filter((p) => p.field === own || p.field.startsWith(`${own}.`))
    .map((p) => ({ ...p, field: p.field === own ? 'measure.type' : `measure.${p.field.slice(own.length + 1)}` }));
}
