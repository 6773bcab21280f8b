// What every step card shares: where you are, what to do, what went wrong, how to move on.
import { APPLICATION_STEPS, STEP_TITLES } from '../../machines/application.steps';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { StepViewModel } from '../view-models';
import { adaptiveCard, bullets, container, heading, notice, subtle, text } from '../card';
import { execute } from '../actions';
import { ERROR_ID_PREFIX } from '../inputs';

// Tillbaka and Spara send no inputs. A client refuses to send a card while an isRequired input
// is empty, so sending them would block going back or pausing on a half-filled step; the price
// is that what was typed on this step since the last Nästa is not kept (the card says so).
// Flip to 'auto' together with dropping isRequired (inputs.ts) to trade the other way.
const NAVIGATION_INPUTS = 'none' as const;

export type StepContent = {
  intro: string;
  body: CardElement[];
};

function placedErrorFields(elements: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(elements)) {
    for (const e of elements) placedErrorFields(e, found);
  } else if (elements && typeof elements === 'object') {
    const el = elements as Record<string, unknown>;
    if (typeof el.id === 'string' && el.id.startsWith(ERROR_ID_PREFIX)) found.add(el.id.slice(ERROR_ID_PREFIX.length));
    for (const key of ['items', 'columns']) if (key in el) placedErrorFields(el[key], found);
  }
  return found;
}

// One line on top that counts the errors, and lists those that have no field on this card
// (e.g. "Lägg till minst en insats"), so nothing the bot reports goes unseen.
function errorSummary(errors: Record<string, string>, body: CardElement[]): CardElement[] {
  const fields = Object.keys(errors);
  if (fields.length === 0) return [];
  const placed = placedErrorFields(body);
  const loose = fields.filter((f) => !placed.has(f)).map((f) => errors[f]!);
  const count = fields.length === 1 ? 'Det finns en sak att rätta' : `Det finns ${fields.length} saker att rätta`;
  const where = placed.size > 0 ? ' Se meddelandena under fälten.' : '';
  return [container([text(`${count}.${where}`, { weight: 'bolder' }), ...bullets(loose)], { style: 'attention' })];
}

export function stepFrame(vm: StepViewModel, content: StepContent): AdaptiveCard {
  const index = APPLICATION_STEPS.indexOf(vm.step);
  const isSummary = vm.step === 'summary';
  const body: CardElement[] = [
    heading(`Steg ${index + 1} av ${APPLICATION_STEPS.length} · ${STEP_TITLES[vm.step]}`),
  ];
  if (vm.notice) body.push(notice(vm.notice.text, vm.notice.style));
  body.push(...errorSummary(vm.errors, content.body));
  body.push(text(content.intro));
  body.push(...content.body);
  body.push(
    subtle(
      isSummary
        ? 'Ansökan går till Elevhälsan först när du trycker Skicka in ansökan.'
        : 'Svaren på det här steget sparas när du trycker Nästa. Du kan pausa och fortsätta senare med ”fortsätt”.',
      { separator: true },
    ),
  );

  const { draftId, step } = vm;
  const actions: CardAction[] = [
    isSummary
      ? execute('Skicka in ansökan', 'app.submit', { draftId }, { style: 'positive', associatedInputs: 'auto' })
      : execute('Nästa', 'step.next', { draftId, step }, { style: 'positive', associatedInputs: 'auto' }),
  ];
  if (index > 0) actions.push(execute('Tillbaka', 'step.back', { draftId, step }, { associatedInputs: NAVIGATION_INPUTS }));
  actions.push(execute('Spara och fortsätt senare', 'draft.save', { draftId, step }, { associatedInputs: NAVIGATION_INPUTS }));
  return adaptiveCard(body, actions);
}
