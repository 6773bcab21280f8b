// The whole application for a handler: every section the principal filled in, what changed
// since the previous version, and the buttons of the handler's next steps. Free texts are
// shown whole while the card fits in Teams; past that, the longest are shortened (and the
// card says so) rather than the card being refused.
import type { TApplication } from '../domain/schemas';
import type { AdaptiveCard, CardAction, CardElement } from './types';
import type { CaseChange, CaseDetailViewModel } from './case-view-models';
import { actionSet, adaptiveCard, bullets, container, factSet, heading, notice, subtle, text, type Fact } from './card';
import { execute } from './actions';
import { choiceSet } from './inputs';
import { decisionLine, handlerText, lateMarker, unitText } from './case-common';
import { assessmentSummaryBlock } from './assessment-inputs';
import { CARD_BYTE_BUDGET, cardBytes, clip, clipToBudget, MAX_LIST_ROWS } from './clip';
import { STEP_TITLES } from '../machines/application.steps';
import { ATTACHMENT_KIND_LABELS, ATTACHMENT_KIND_MISSING, COMPETENCE_LABELS, CRITERION_LABELS, MEASURE_TYPE_TITLES, SCHOOL_FORM_LABELS, formatHoursPerWeek, formatKronor } from '../domain/wording';

// At most this many changes are listed, each old and new value cut to CHANGE_CLIP characters:
// the list is for spotting what to re-read, the sections below hold the new values.
export const MAX_CHANGES_SHOWN = 12;
const CHANGE_CLIP = 160;

// Characters for all free texts together, tried in turn until the card fits.
const TEXT_BUDGETS = [Infinity, 16000, 12000, 9000, 6000, 4000, 2500, 1500];

export const SHORTENED_TEXT =
  'Några långa texter är förkortade (…) så att kortet får plats i Teams. Hela texterna finns sparade i ärendet.';

// A titled paragraph: free texts get their own TextBlock so they wrap and are read in full.
function paragraph(title: string, value: string): CardElement[] {
  return [text(title, { weight: 'bolder', spacing: 'medium' }), text(value.trim() === '' ? 'Inte ifyllt' : value, { spacing: 'small' })];
}

function section(title: string, items: CardElement[]): CardElement {
  return container([text(title, { weight: 'bolder', style: 'heading', size: 'medium' }), ...items], { separator: true, spacing: 'large' });
}

function pupilFacts(vm: CaseDetailViewModel): Fact[] {
  const p = vm.application.pupil;
  const who: Fact[] = p.protectedIdentity
    ? [
        {
          title: 'Identitet',
          value: `Skyddade personuppgifter – namn och personnummer sparas inte${vm.protectedReference ? ` (${vm.protectedReference})` : ''}`,
        },
      ]
    : [
        { title: 'Namn', value: [p.firstName, p.lastName].filter(Boolean).join(' ') },
        { title: 'Personnummer', value: p.personnummer ?? '' },
      ];
  return [
    ...who,
    { title: 'Folkbokförd i', value: p.registeredMunicipality },
    { title: 'Skolform', value: SCHOOL_FORM_LABELS[p.schoolForm] + (p.grade ? `, årskurs ${p.grade}` : '') },
  ];
}

function changesBlock(vm: CaseDetailViewModel): CardElement[] {
  if (vm.version <= 1) return [];
  if (vm.changes.length === 0) {
    return [container([text('Ändrat sedan förra versionen', { weight: 'bolder' }), text('Inga fält är ändrade sedan förra versionen.')], { style: 'emphasis' })];
  }
  const shown = vm.changes.slice(0, MAX_CHANGES_SHOWN);
  const change = (c: CaseChange, i: number): CardElement[] => [
    text(`${c.section} · ${c.field}`, { weight: 'bolder', spacing: i === 0 ? 'small' : 'medium' }),
    text(`Före: ${clip(c.before, CHANGE_CLIP) || 'Inte ifyllt'}`, { spacing: 'none', isSubtle: true }),
    text(`Nu: ${clip(c.after, CHANGE_CLIP) || 'Inte ifyllt'}`, { spacing: 'none' }),
  ];
  const more = vm.changes.length - shown.length;
  return [
    container(
      [
        text('Ändrat sedan förra versionen', { weight: 'bolder' }),
        ...shown.flatMap(change),
        ...(more > 0 ? [subtle(more === 1 ? 'Och en ändring till.' : `Och ${more} ändringar till.`)] : []),
      ],
      { style: 'emphasis' },
    ),
  ];
}

function assessmentSection(vm: CaseDetailViewModel): CardElement {
  const { levels, levelLabels } = vm.profile.assessment;
  const level = (n: number | undefined) => (n === undefined ? '–' : String(n));
  const legend = levels.map((l, i) => `${l} ${levelLabels[i] ?? ''}`.trim()).join(' · ');
  return section(STEP_TITLES.assessment, [
    factSet(
      vm.assessmentAreas.map((a) => ({
        title: a.label,
        value: `Nu ${level(a.current)} (${formatHoursPerWeek(a.hoursCurrent)}), önskat ${level(a.desired)} (${formatHoursPerWeek(a.hoursDesired)})`,
      })),
    ),
    subtle(`Nivåer: ${legend}`),
    assessmentSummaryBlock(vm.assessmentSummary),
  ]);
}

// The free texts in one list, so the budget is shared by all of them.
function freeTexts(a: TApplication): string[] {
  return [a.need.description, a.mapping.cognitive, a.mapping.social, a.mapping.needs, a.mapping.prognosis, a.effect.description, ...a.measures.map((m) => m.description)];
}

// One drop-down and one button, whatever the number of files: the card stays small and reads
// well on a phone. The file goes to the reader's own chat, where Teams asks to accept it.
function attachmentPicker(caseId: string, files: TApplication['attachments']): CardElement[] {
  if (files.length === 0) return [];
  return [
    ...choiceSet(
      {
        id: 'attachment.id',
        label: 'Hämta en bilaga till din chatt',
        errorMessage: 'Välj en fil.',
        choices: files.map((f) => ({ title: f.name, value: f.id })),
        value: files[0]!.id,
      },
      {},
    ),
    actionSet([execute('Hämta filen', 'case.attachment.get', { caseId }, { associatedInputs: 'auto' })], { spacing: 'small' }),
  ];
}

function applicationSections(vm: CaseDetailViewModel, texts: string[]): CardElement[] {
  const a = vm.application;
  const [need, cognitive, social, needs, prognosis, effect, ...measureTexts] = texts as [string, string, string, string, string, string, ...string[]];
  const attachments = a.attachments.slice(0, MAX_LIST_ROWS);
  const moreAttachments = a.attachments.length - attachments.length;
  return [
    section(STEP_TITLES.pupil, [factSet(pupilFacts(vm))]),
    section(STEP_TITLES.placement, [
      factSet([
        { title: 'Grupp', value: a.placement.group },
        { title: 'Vistelsetid', value: formatHoursPerWeek(a.placement.attendanceHoursPerWeek) },
      ]),
    ]),
    section(STEP_TITLES.need, [
      text('Kriterier', { weight: 'bolder' }),
      ...bullets(a.need.criteria.map((c) => CRITERION_LABELS[c])),
      ...paragraph('Behovet i verksamheten', need),
      factSet([
        {
          title: 'Dokumenterat av',
          value: `${a.need.documentedBy.name} (${COMPETENCE_LABELS[a.need.documentedBy.competence].toLowerCase()})`,
        },
      ]),
    ]),
    section(STEP_TITLES.mapping, [
      ...paragraph('Kognitiv utveckling', cognitive),
      ...paragraph('Social utveckling', social),
      ...paragraph('Behov', needs),
      ...paragraph('Prognos', prognosis),
    ]),
    assessmentSection(vm),
    section(
      STEP_TITLES.measures,
      a.measures.flatMap((m, i) => [
        text(`${i + 1}. ${MEASURE_TYPE_TITLES[m.type]}`, { weight: 'bolder', spacing: 'medium' }),
        text(measureTexts[i] ?? '', { spacing: 'small' }),
        subtle(
          [m.hoursPerWeek === undefined ? '' : formatHoursPerWeek(m.hoursPerWeek), m.cost === undefined ? '' : formatKronor(m.cost)]
            .filter(Boolean)
            .join(' · ') || 'Timmar och kostnad inte angivna',
          { spacing: 'none' },
        ),
      ]),
    ),
    section(STEP_TITLES.effect, [text(effect)]),
    section(STEP_TITLES.attachments, [
      ...(attachments.length === 0
        ? [text('Inga bilagor.')]
        : bullets(attachments.map((f) => `${f.kind ? ATTACHMENT_KIND_LABELS[f.kind] : ATTACHMENT_KIND_MISSING}: ${f.name}`))),
      ...(moreAttachments > 0 ? [subtle(`Och ${moreAttachments} filer till.`)] : []),
      ...attachmentPicker(vm.caseId, attachments),
    ]),
    section('Underskrift', [
      text(a.signature.confirmed ? 'Ansvarig rektor/förskolechef har skrivit under ansökan.' : 'Ansökan är inte underskriven.'),
      ...(vm.signedText ? [subtle(vm.signedText, { spacing: 'none' })] : []),
    ]),
  ];
}

function buttons(vm: CaseDetailViewModel): CardAction[] {
  const { caseId, allowed } = vm;
  const actions: CardAction[] = [];
  if (!vm.decision) {
    if (allowed.assign && !vm.handler?.isViewer) actions.push(execute('Tilldela mig', 'case.assign', { caseId }));
    if (allowed.adjustAssessment) actions.push(execute('Justera bedömningen', 'case.assessment.form', { caseId }));
    if (allowed.requestCompletion) actions.push(execute('Begär komplettering', 'case.completion.form', { caseId }));
    if (allowed.propose && !allowed.decide) actions.push(execute('Förslag till beslut', 'case.proposal.form', { caseId }, { style: 'positive' }));
    if (allowed.decide) actions.push(execute('Fatta beslut', 'case.decision.form', { caseId }, { style: 'positive' }));
    if (allowed.handover) actions.push(execute('Lämna över', 'case.handover.form', { caseId }));
    if (allowed.withdraw) actions.push(execute('Återkalla ansökan', 'case.withdraw.form', { caseId }));
  }
  if (vm.decision && allowed.endDecision) actions.push(execute('Avsluta beslutet i förtid', 'case.decision.end.form', { caseId }));
  actions.push(execute('Ärendekön', 'cases.queue', {}));
  return actions;
}

function build(vm: CaseDetailViewModel, budget: number): AdaptiveCard {
  const fitted = clipToBudget(freeTexts(vm.application), budget);
  const body: CardElement[] = [
    subtle('Ansökan om tilläggsbelopp'),
    heading(vm.caseNumber, { size: 'large', spacing: 'none' }),
    subtle(`Version ${vm.version} · Inskickad ${vm.submittedText}`, { spacing: 'none' }),
  ];
  if (vm.notice) body.push(notice(vm.notice.text, vm.notice.style));
  if (vm.late) body.push(lateMarker());
  if (vm.decision) body.push(decisionLine(vm.decision));
  body.push(
    factSet([
      { title: 'Enhet', value: unitText(vm.unitName, vm.unitKind) },
      { title: 'Termin', value: vm.termLabel },
      { title: 'Status', value: vm.statusText },
      { title: 'Handläggare', value: handlerText(vm.handler) },
    ]),
  );
  body.push(...changesBlock(vm));
  if (fitted.clipped) body.push(notice(SHORTENED_TEXT, 'default'));
  body.push(...applicationSections(vm, fitted.texts));
  return adaptiveCard(body, buttons(vm));
}

export function caseDetailCard(vm: CaseDetailViewModel): AdaptiveCard {
  let card = build(vm, TEXT_BUDGETS[0]!);
  for (const budget of TEXT_BUDGETS.slice(1)) {
    if (cardBytes(card) < CARD_BYTE_BUDGET) break;
    card = build(vm, budget);
  }
  return card;
}
