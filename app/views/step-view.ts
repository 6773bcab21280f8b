// Turns a dialog state into what the cards lay out: names instead of ids, hours and kronor
// already computed, problems tied to the step that fixes them. Pure: everything it needs is
// passed in, so the same functions serve a turn, a test and the benchmark.
import type { StepViewModel, SummarySection, TermOption, UnitOption, ChecklistItem, ProblemItem } from '../../cards/view-models';
import {
  ATTACHMENT_KIND_LABELS,
  COMPETENCE_LABELS,
  CRITERION_LABELS,
  MEASURE_TYPE_TITLES,
  SCHOOL_FORM_LABELS,
  ATTACHMENT_KIND_MISSING,
  formatHoursPerWeek,
  formatKronor,
  formatSwedishDate,
} from '../../domain/wording';
import { computeAssessment } from '../../domain/assessment';
import { isEligibleMeasure, isOrdinaryMeasure, ordinaryMeasureNotice, requiresAtgardsprogram } from '../../domain/review';
import { applicationDeadline, defaultApplicationTerm, isLate, nextTerm, termTitle } from '../../domain/terms';
import type { TMunicipalityProfile } from '../../domain/profile';
import type { TApplicationDraft, TAttachmentKind, Problem } from '../../domain/schemas';
import type { Unit } from '../../domain/ports';
import type { ApplicationContext } from '../../machines/application.machine';
import { STEP_TITLES, stepOfField, type ApplicationStep } from '../../machines/application.steps';

export interface StepViewEnv {
  profile: TMunicipalityProfile;
  units: Unit[];
  now: Date;
  // The id for a measure added from this card (fresh per turn; tests pass a fixed one).
  newMeasureId: string;
}

export function unitOptions(units: Unit[]): UnitOption[] {
  return units.map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
}

// The default term (the next one) first, then the one after; a draft's own term stays offered.
export function termOptions(profile: TMunicipalityProfile, now: Date, draftTerm?: string): TermOption[] {
  const first = defaultApplicationTerm(now, profile);
  const terms = [first, nextTerm(first)];
  if (draftTerm && !terms.includes(draftTerm) && /^(HT|VT)\d{4}$/.test(draftTerm)) terms.unshift(draftTerm);
  return terms.map((term) => ({
    term,
    label: termTitle(term),
    deadlineText: `Sista ansökningsdag ${formatSwedishDate(applicationDeadline(term, profile))}`,
    late: isLate(term, now, profile),
  }));
}

const SUPPORTING: TAttachmentKind[] = ['kartlaggning', 'lakarintyg', 'psykologbedomning', 'testresultat'];

// What this school form still needs: the åtgärdsprogram where the profile demands it, and at
// least one supporting document. The rule takes any of the four supporting kinds, so they are
// one line, not four lines of which one looks required.
export function attachmentChecklist(draft: TApplicationDraft, profile: TMunicipalityProfile): ChecklistItem[] {
  const have = new Set((draft.attachments ?? []).map((a) => a.kind).filter(Boolean));
  const items: ChecklistItem[] = [];
  if (requiresAtgardsprogram(draft.pupil?.schoolForm, profile)) {
    items.push({ field: 'attachments.atgardsprogram', label: ATTACHMENT_KIND_LABELS.atgardsprogram, required: true, done: have.has('atgardsprogram') });
  }
  const attached = SUPPORTING.filter((k) => have.has(k)).map((k) => ATTACHMENT_KIND_LABELS[k].toLowerCase());
  const kinds = SUPPORTING.map((k) => ATTACHMENT_KIND_LABELS[k].toLowerCase());
  items.push({
    field: 'attachments.supporting',
    label:
      attached.length > 0
        ? `Underlag som styrker behovet: ${attached.join(', ')}`
        : `Minst ett underlag som styrker behovet: ${kinds.slice(0, -1).join(', ')} eller ${kinds[kinds.length - 1]}`,
    required: true,
    done: attached.length > 0,
  });
  return items;
}

function pupilFacts(draft: TApplicationDraft): SummarySection['facts'] {
  const p = draft.pupil ?? {};
  const form = p.schoolForm ? SCHOOL_FORM_LABELS[p.schoolForm] + (p.grade ? `, årskurs ${p.grade}` : '') : 'Inte ifyllt';
  const who = p.protectedIdentity
    ? [{ title: 'Identitet', value: 'Skyddade personuppgifter – namn och personnummer sparas inte' }]
    : [
        { title: 'Namn', value: [p.firstName, p.lastName].filter(Boolean).join(' ') || 'Inte ifyllt' },
        { title: 'Personnummer', value: p.personnummer || 'Inte ifyllt' },
      ];
  return [...who, { title: 'Folkbokförd i', value: p.registeredMunicipality || 'Inte ifyllt' }, { title: 'Skolform', value: form }];
}

const orMissing = (value: string | undefined) => (value && value.trim() ? value : 'Inte ifyllt');

export function summarySections(draft: TApplicationDraft, env: Omit<StepViewEnv, 'newMeasureId'>): SummarySection[] {
  const { profile } = env;
  const unit = env.units.find((u) => u.id === draft.unit?.id);
  const assessment = computeAssessment(draft.assessment, profile, draft.placement?.attendanceHoursPerWeek);
  const levelText = (n: number | undefined) => (n === undefined ? '–' : String(n));
  const section = (step: ApplicationStep, facts: SummarySection['facts']): SummarySection => ({ step, title: STEP_TITLES[step], facts });
  const need = draft.need ?? {};
  const attachments = draft.attachments ?? [];
  return [
    section('unitTerm', [
      { title: 'Enhet', value: unit?.name ?? 'Inte vald' },
      { title: 'Termin', value: draft.term ? termTitle(draft.term) : 'Inte vald' },
    ]),
    section('pupil', pupilFacts(draft)),
    section('placement', [
      { title: 'Grupp', value: orMissing(draft.placement?.group) },
      {
        title: 'Vistelsetid',
        value: draft.placement?.attendanceHoursPerWeek !== undefined ? formatHoursPerWeek(draft.placement.attendanceHoursPerWeek) : 'Inte ifyllt',
      },
    ]),
    section('need', [
      { title: 'Kriterier', value: (need.criteria ?? []).map((c) => CRITERION_LABELS[c]).join('; ') || 'Inga valda' },
      { title: 'Behovet', value: orMissing(need.description) },
      {
        title: 'Dokumenterat av',
        value: need.documentedBy?.name
          ? `${need.documentedBy.name}${need.documentedBy.competence ? ` (${COMPETENCE_LABELS[need.documentedBy.competence].toLowerCase()})` : ''}`
          : 'Inte ifyllt',
      },
    ]),
    section('mapping', [
      { title: 'Kognitiv utveckling', value: orMissing(draft.mapping?.cognitive) },
      { title: 'Social utveckling', value: orMissing(draft.mapping?.social) },
      { title: 'Behov', value: orMissing(draft.mapping?.needs) },
      { title: 'Prognos', value: orMissing(draft.mapping?.prognosis) },
    ]),
    section('assessment', [
      ...profile.assessment.areas.map((a) => ({
        title: a.label,
        value: `Nu ${levelText(draft.assessment?.[a.id]?.current)}, önskat ${levelText(draft.assessment?.[a.id]?.desired)}`,
      })),
      { title: 'Bedömt stöd', value: `${formatHoursPerWeek(assessment.hoursCurrent)}, ${formatKronor(assessment.amountPerMonth)} per månad` },
    ]),
    section(
      'measures',
      (draft.measures ?? []).length > 0
        ? (draft.measures ?? []).map((m) => ({
            title: MEASURE_TYPE_TITLES[m.type],
            value: [m.description, m.hoursPerWeek ? formatHoursPerWeek(m.hoursPerWeek) : '', m.cost ? formatKronor(m.cost) : '']
              .filter(Boolean)
              .join(' · '),
          }))
        : [{ title: 'Insatser', value: 'Inga tillagda' }],
    ),
    section('effect', [{ title: 'Effekt', value: orMissing(draft.effect?.description) }]),
    section(
      'attachments',
      attachments.length > 0
        ? attachments.map((a) => ({ title: a.kind ? ATTACHMENT_KIND_LABELS[a.kind] : ATTACHMENT_KIND_MISSING, value: a.name }))
        : [{ title: 'Filer', value: 'Inga bifogade' }],
    ),
  ];
}

export function stepViewModel(draftId: string, context: ApplicationContext, step: ApplicationStep, env: StepViewEnv): StepViewModel {
  const { draft } = context;
  const { profile } = env;
  const vm: StepViewModel = {
    draftId,
    step,
    draft,
    profile,
    units: unitOptions(env.units),
    termOptions: termOptions(profile, env.now, draft.term),
    errors: context.errors,
    newMeasureId: env.newMeasureId,
  };
  if (context.notice) vm.notice = { text: context.notice, style: 'warning' };
  if (step === 'assessment' || step === 'measures') {
    const result = computeAssessment(draft.assessment, profile, draft.placement?.attendanceHoursPerWeek);
    vm.assessmentSummary = {
      hoursCurrent: result.hoursCurrent,
      hoursDesired: result.hoursDesired,
      amountPerMonthText: formatKronor(result.amountPerMonth),
      explanation: result.explanation,
    };
  }
  if (step === 'measures') {
    const hasExtraordinary = (draft.measures ?? []).some((m) => isEligibleMeasure(m.type));
    const notices = Object.fromEntries(
      (draft.measures ?? []).filter((m) => isOrdinaryMeasure(m.type)).map((m) => [m.id, ordinaryMeasureNotice(m.type, hasExtraordinary)]),
    );
    if (Object.keys(notices).length > 0) vm.measureNotices = notices;
  }
  if (step === 'attachments') {
    vm.attachmentChecklist = attachmentChecklist(draft, profile);
    const pending = (draft.attachments ?? []).find((a) => a.id === context.pendingAttachmentId);
    if (pending) vm.pendingAttachment = { id: pending.id, name: pending.name };
  }
  if (step === 'summary') vm.summarySections = summarySections(draft, env);
  return vm;
}

export function problemItems(problems: Problem[]): ProblemItem[] {
  return problems.map((p) => {
    const step = stepOfField(p.field);
    return { ...p, step, stepTitle: STEP_TITLES[step] };
  });
}
