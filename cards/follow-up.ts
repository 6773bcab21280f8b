// The follow-up (uppföljning) in cards: the list of what is due, one card per step of the
// dialog (progress, back, save, messages next to each field), the problems found at filing,
// the receipt, and Elevhälsan's view of a filed follow-up in the handler's own chat.
import type { TFollowUpDraft } from '../domain/follow-up';
import { CARRIED_OUT, CONTINUED_NEED } from '../domain/follow-up';
import { ATTACHMENT_KIND_LABELS, CARRIED_OUT_LABELS, CONTINUED_NEED_LABELS } from '../domain/wording';
import { ATTACHMENT_KINDS } from '../domain/schemas';
import { FOLLOW_UP_STEPS, FOLLOW_UP_STEP_TITLES, followUpStepOfField, type FollowUpStep } from '../machines/follow-up.steps';
import type { AdaptiveCard, CardAction, CardElement } from './types';
import { actionSet, adaptiveCard, bullets, container, factSet, heading, notice, subtle, text, type Fact } from './card';
import { execute } from './actions';
import { choiceSet, numberInput, signatureToggle, textInput } from './inputs';
import { errorSummary } from './error-summary';
import { clip } from './clip';

export type FollowUpDueItem = {
  caseId: string;
  caseNumber: string;
  term: string;
  termLabel: string;
  pupilLabel: string;
  unitName: string;
  dueText: string;
  overdue: boolean;
  // An open draft of this follow-up: the button resumes it.
  draftId?: string;
};

export type FollowUpListViewModel = {
  items: FollowUpDueItem[];
  // Follow-ups whose term has not started: shown, not openable yet.
  upcoming: Array<{ caseNumber: string; termLabel: string; pupilLabel: string; dueText: string }>;
};

export function followUpListCard(vm: FollowUpListViewModel): AdaptiveCard {
  const body: CardElement[] = [heading('Uppföljning')];
  if (vm.items.length === 0) {
    body.push(text('Du har ingen uppföljning att lämna just nu.'));
  } else {
    body.push(
      text(
        vm.items.length === 1
          ? 'En uppföljning ska lämnas. Tryck på knappen för att börja eller fortsätta.'
          : `${vm.items.length} uppföljningar ska lämnas. Tryck på knappen för den du vill börja med.`,
      ),
    );
    for (const item of vm.items.slice(0, 20)) {
      body.push(
        container(
          [
            text(`${item.caseNumber} · ${item.termLabel}`, { weight: 'bolder' }),
            factSet([
              { title: 'Barn', value: item.pupilLabel },
              { title: 'Enhet', value: item.unitName },
              { title: item.overdue ? 'Skulle ha lämnats' : 'Lämnas senast', value: item.dueText },
            ]),
            ...(item.overdue ? [notice('Uppföljningen är försenad. Den behövs innan du kan ansöka igen för barnet.', 'warning')] : []),
            actionSet([
              item.draftId
                ? execute('Fortsätt uppföljningen', 'followup.open', { draftId: item.draftId }, { style: 'positive' })
                : execute('Lämna uppföljning', 'followup.start', { caseId: item.caseId, term: item.term }, { style: 'positive' }),
            ]),
          ],
          { separator: true },
        ),
      );
    }
  }
  if (vm.upcoming.length > 0) {
    body.push(text('Kommande', { weight: 'bolder', separator: true }));
    body.push(...bullets(vm.upcoming.slice(0, 20).map((u) => `${u.caseNumber} (${u.pupilLabel}): ${u.termLabel}, senast ${u.dueText}`), { isSubtle: true }));
  }
  return adaptiveCard(body, [execute('Mina ärenden', 'cases.mine', {})]);
}

export type FollowUpMeasureView = { id: string; title: string; plannedText?: string };
export type FollowUpAreaView = { id: string; label: string; hint?: string; previousText: string };
export type FollowUpSummarySection = { step: FollowUpStep; title: string; facts: Fact[] };

export type FollowUpStepViewModel = {
  draftId: string;
  step: FollowUpStep;
  caseNumber: string;
  termLabel: string;
  pupilLabel: string;
  draft: TFollowUpDraft;
  errors: Record<string, string>;
  notice?: { text: string; style: 'warning' | 'good' | 'default' };
  measures: FollowUpMeasureView[];
  areas: FollowUpAreaView[];
  levels: Array<{ value: number; label: string }>;
  // Hours and amount, before (the grant's assessment) and after (this re-rating so far).
  figures: Fact[];
  summarySections?: FollowUpSummarySection[];
};

const fuId = (measureId: string, answer: 'carriedOut' | 'hoursPerWeek' | 'effect') => `followUp.measures.${measureId}.${answer}`;

function measuresStep(vm: FollowUpStepViewModel): CardElement[] {
  if (vm.measures.length === 0) return [subtle('Beslutet beviljade inga enskilda insatser. Gå vidare till nästa steg.')];
  return vm.measures.map((m, i) => {
    const a = vm.draft.measures?.[m.id] ?? {};
    return container(
      [
        text(`Insats ${i + 1}: ${m.title}`, { weight: 'bolder' }),
        ...(m.plannedText ? [subtle(m.plannedText, { spacing: 'none' })] : []),
        ...choiceSet(
          {
            id: fuId(m.id, 'carriedOut'),
            label: 'Blev insatsen genomförd som planerat?',
            errorMessage: 'Välj ett svar.',
            style: 'expanded',
            choices: CARRIED_OUT.map((c) => ({ title: CARRIED_OUT_LABELS[c], value: c })),
            value: a.carriedOut,
          },
          vm.errors,
        ),
        ...numberInput(
          { id: fuId(m.id, 'hoursPerWeek'), label: 'Timmar i veckan som gavs', errorMessage: 'Skriv ett antal timmar, till exempel 10.', placeholder: 'Till exempel 10', value: a.hoursPerWeek },
          vm.errors,
        ),
        ...textInput(
          {
            id: fuId(m.id, 'effect'),
            label: 'Effekt på barnets utveckling eller resultat',
            errorMessage: 'Beskriv effekten.',
            multiline: true,
            placeholder: 'Vad har förändrats för barnet i verksamheten?',
            value: a.effect,
          },
          vm.errors,
        ),
      ],
      { separator: true },
    );
  });
}

function assessmentStep(vm: FollowUpStepViewModel): CardElement[] {
  const choices = vm.levels.map((l) => ({ title: `${l.value} – ${l.label}`, value: String(l.value) }));
  const body: CardElement[] = [];
  if (vm.figures.length > 0) body.push(container([factSet(vm.figures)], { style: 'emphasis' }));
  for (const area of vm.areas) {
    const r = vm.draft.assessment?.[area.id] ?? {};
    body.push(
      container(
        [
          text(area.label, { weight: 'bolder' }),
          subtle(area.previousText, { spacing: 'none' }),
          ...choiceSet({ id: `assessment.${area.id}.current`, label: 'Nuläge', errorMessage: 'Välj en nivå.', choices, value: r.current === undefined ? undefined : String(r.current) }, vm.errors),
          ...choiceSet({ id: `assessment.${area.id}.desired`, label: 'Önskat läge', errorMessage: 'Välj en nivå.', choices, value: r.desired === undefined ? undefined : String(r.desired) }, vm.errors),
        ],
        { separator: true },
      ),
    );
  }
  return body;
}

function continuedNeedStep(vm: FollowUpStepViewModel): CardElement[] {
  const c = vm.draft.continuedNeed ?? {};
  return [
    ...choiceSet(
      {
        id: 'followUp.continuedNeed',
        label: 'Finns behovet av extraordinärt stöd kvar?',
        errorMessage: 'Välj ett svar.',
        style: 'expanded',
        choices: CONTINUED_NEED.map((n) => ({ title: CONTINUED_NEED_LABELS[n], value: n })),
        value: c.answer,
      },
      vm.errors,
    ),
    ...textInput(
      {
        id: 'followUp.comment',
        label: 'Beskriv behovet som det ser ut nu',
        errorMessage: 'Skriv en beskrivning.',
        multiline: true,
        placeholder: 'Hur visar sig behovet i verksamheten nu? Vad har ändrats?',
        value: c.description,
      },
      vm.errors,
    ),
  ];
}

function attachmentsStep(vm: FollowUpStepViewModel): CardElement[] {
  const files = vm.draft.attachments ?? [];
  const body: CardElement[] = [
    text('Har ni ett uppdaterat åtgärdsprogram eller annat underlag? Skicka filen här i chatten medan det här steget visas. Bilagor är frivilliga.'),
  ];
  files.forEach((f, i) => {
    body.push(
      container(
        [
          text(f.name, { weight: 'bolder' }),
          ...choiceSet(
            {
              id: 'attachment.kind',
              label: 'Typ av dokument',
              errorMessage: 'Välj vilken sorts dokument det är.',
              choices: ATTACHMENT_KINDS.map((k) => ({ title: ATTACHMENT_KIND_LABELS[k], value: k })),
              value: f.kind,
            },
            { ...(vm.errors[`attachments[${i}].kind`] ? { 'attachment.kind': vm.errors[`attachments[${i}].kind`]! } : {}) },
          ),
          actionSet([
            execute('Spara typ', 'followup.attachment.kind', { draftId: vm.draftId, attachmentId: f.id }),
            execute('Ta bort', 'followup.attachment.remove', { draftId: vm.draftId, attachmentId: f.id }, { associatedInputs: 'none' }),
          ]),
        ],
        { separator: true },
      ),
    );
  });
  if (files.length === 0) body.push(subtle('Inga bilagor.'));
  return body;
}

function summaryStep(vm: FollowUpStepViewModel): CardElement[] {
  const body: CardElement[] = (vm.summarySections ?? []).map((s) =>
    container(
      [
        text(s.title, { weight: 'bolder' }),
        factSet(s.facts.map((f) => ({ title: f.title, value: clip(f.value) }))),
        actionSet([execute('Ändra', 'followup.step.goto', { draftId: vm.draftId, step: s.step }, { associatedInputs: 'none', tooltip: `Ändra ${s.title.toLowerCase()}` })]),
      ],
      { separator: true },
    ),
  );
  body.push(
    container(
      signatureToggle(vm.draft.signature?.confirmed === true, vm.errors, 'uppföljningen'),
      { separator: true },
    ),
  );
  return body;
}

const INTRO: Record<FollowUpStep, string> = {
  measures: 'Berätta för varje beviljad insats om den blev av som planerat, hur många timmar den gavs och vilken effekt den har haft.',
  assessment: 'Bedöm behoven igen. Förra bedömningen står under varje område, och timmar och belopp räknas om när du sparar.',
  continuedNeed: 'Finns behovet kvar inför nästa termin? Beskriv det som det visar sig i verksamheten, inte diagnosen.',
  attachments: 'Bifoga underlag om ni har något nytt.',
  summary: 'Kontrollera svaren. Tryck Ändra för att rätta något. När allt stämmer skriver du under och lämnar in.',
};

export function followUpStepCard(vm: FollowUpStepViewModel): AdaptiveCard {
  const index = FOLLOW_UP_STEPS.indexOf(vm.step);
  const content =
    vm.step === 'measures'
      ? measuresStep(vm)
      : vm.step === 'assessment'
        ? assessmentStep(vm)
        : vm.step === 'continuedNeed'
          ? continuedNeedStep(vm)
          : vm.step === 'attachments'
            ? attachmentsStep(vm)
            : summaryStep(vm);
  const body: CardElement[] = [
    heading(`Uppföljning · steg ${index + 1} av ${FOLLOW_UP_STEPS.length} · ${FOLLOW_UP_STEP_TITLES[vm.step]}`),
    subtle(`${vm.caseNumber} · ${vm.termLabel} · ${vm.pupilLabel}`, { spacing: 'none' }),
  ];
  if (vm.notice) body.push(notice(vm.notice.text, vm.notice.style));
  body.push(...errorSummary(vm.errors, content), text(INTRO[vm.step]), ...content);
  body.push(
    subtle(
      vm.step === 'summary'
        ? 'Uppföljningen går till Elevhälsan först när du trycker Lämna in.'
        : 'Det du skriver sparas när du trycker Nästa, Tillbaka eller Spara. Du kan fortsätta senare med ”uppföljning”.',
      { separator: true },
    ),
  );
  const { draftId, step } = vm;
  const actions: CardAction[] = [];
  if (index > 0) actions.push(execute('Tillbaka', 'followup.step.back', { draftId, step }, { associatedInputs: 'auto' }));
  actions.push(
    step === 'summary'
      ? execute('Lämna in', 'followup.submit', { draftId }, { style: 'positive', associatedInputs: 'auto' })
      : execute('Nästa', 'followup.step.next', { draftId, step }, { style: 'positive', associatedInputs: 'auto' }),
  );
  actions.push(execute('Spara', 'followup.draft.save', { draftId, step }, { associatedInputs: 'auto' }));
  actions.push(execute('Släng', 'followup.discard', { draftId }, { associatedInputs: 'none' }));
  return adaptiveCard(body, actions);
}

export type FollowUpProblemsViewModel = { draftId: string; problems: Array<{ field: string; message: string }> };

export function followUpProblemsCard(vm: FollowUpProblemsViewModel): AdaptiveCard {
  const body: CardElement[] = [
    heading('Uppföljningen kan inte lämnas in än', { color: 'attention' }),
    text(vm.problems.length === 1 ? 'En sak behöver rättas.' : `${vm.problems.length} saker behöver rättas.`),
  ];
  for (const step of FOLLOW_UP_STEPS) {
    const messages = vm.problems.filter((p) => followUpStepOfField(p.field) === step).map((p) => p.message);
    if (messages.length === 0) continue;
    const title = FOLLOW_UP_STEP_TITLES[step];
    body.push(
      container(
        [
          text(title, { weight: 'bolder' }),
          ...bullets(messages),
          actionSet([execute(`Gå till ${title}`, 'followup.step.goto', { draftId: vm.draftId, step }, { associatedInputs: 'none' })]),
        ],
        { separator: true },
      ),
    );
  }
  return adaptiveCard(body);
}

export function followUpDiscardCard(vm: { draftId: string; label: string }): AdaptiveCard {
  return adaptiveCard(
    [heading('Slänga uppföljningen?'), text(`Svaren i uppföljningen för ${vm.label} tas bort. Det går inte att ångra.`)],
    [
      execute('Ja, släng', 'followup.discard.confirm', { draftId: vm.draftId }, { style: 'destructive' }),
      execute('Nej, behåll', 'followup.discard.cancel', { draftId: vm.draftId }),
    ],
  );
}

export type FollowUpReceiptViewModel = {
  caseId: string;
  caseNumber: string;
  termLabel: string;
  filedText: string;
  figures: Fact[];
  // Shown when the case may be renewed for the next term.
  renewTermLabel?: string;
};

export function followUpReceiptCard(vm: FollowUpReceiptViewModel): AdaptiveCard {
  const body: CardElement[] = [
    heading('Uppföljningen är inlämnad', { color: 'good' }),
    factSet([{ title: 'Ärende', value: vm.caseNumber }, { title: 'Termin', value: vm.termLabel }, { title: 'Inlämnad', value: vm.filedText }, ...vm.figures]),
    text('Elevhälsan har fått uppföljningen. Den kan inte ändras i efterhand.'),
  ];
  const actions: CardAction[] = [];
  if (vm.renewTermLabel) {
    body.push(text(`Vill du ansöka om tilläggsbelopp för ${vm.renewTermLabel}? Ansökan fylls i från den förra, och du går igenom varje steg.`));
    actions.push(execute('Ansök för nästa termin', 'case.renew', { caseId: vm.caseId }, { style: 'positive' }));
  }
  actions.push(execute('Mina ärenden', 'cases.mine', {}));
  return adaptiveCard(body, actions);
}

export type FollowUpViewModel = {
  caseId: string;
  caseNumber: string;
  termLabel: string;
  pupilLabel: string;
  filedText: string;
  filedBy: string;
  flags: string[];
  measures: Array<{ title: string; carriedOutText: string; hoursText: string; effect: string }>;
  figures: Fact[];
  areas: Array<{ label: string; beforeText: string; afterText: string; changed: boolean }>;
  continuedNeedText: string;
  comment: string;
  attachments: string[];
};

// Elevhälsan's view, in the handler's own chat (it holds the child's details).
export function followUpViewCard(vm: FollowUpViewModel): AdaptiveCard {
  const body: CardElement[] = [
    subtle('Uppföljning av tilläggsbelopp'),
    heading(`${vm.caseNumber} · ${vm.termLabel}`, { spacing: 'none' }),
    factSet([
      { title: 'Barn', value: vm.pupilLabel },
      { title: 'Inlämnad', value: vm.filedText },
      { title: 'Av', value: vm.filedBy },
    ]),
  ];
  for (const flag of vm.flags) body.push(notice(flag, 'warning'));
  body.push(text('Insatserna', { weight: 'bolder', separator: true }));
  for (const m of vm.measures) {
    body.push(container([text(m.title, { weight: 'bolder' }), factSet([{ title: 'Genomförd', value: m.carriedOutText }, { title: 'Timmar', value: m.hoursText }]), text(clip(m.effect, 1200))]));
  }
  body.push(text('Bedömningen jämfört med förra', { weight: 'bolder', separator: true }), factSet(vm.figures));
  const changed = vm.areas.filter((a) => a.changed);
  body.push(
    changed.length === 0
      ? subtle('Inga områden har fått en ny nivå i nuläget.')
      : factSet(changed.map((a) => ({ title: a.label, value: `${a.beforeText} → ${a.afterText}` }))),
  );
  body.push(text('Fortsatt behov', { weight: 'bolder', separator: true }), text(vm.continuedNeedText), text(clip(vm.comment, 2000)));
  if (vm.attachments.length > 0) body.push(text('Bilagor', { weight: 'bolder', separator: true }), ...bullets(vm.attachments));
  return adaptiveCard(body, [execute('Visa ansökan', 'case.view', { caseId: vm.caseId })]);
}

