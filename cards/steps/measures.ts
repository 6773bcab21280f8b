import { ELIGIBLE_MEASURE_TYPES, ORDINARY_MEASURE_TYPES, type TMeasure } from '../../domain/schemas';
import type { StepViewModel } from '../view-models';
import type { CardElement } from '../types';
import type { StepContent } from './frame';
import { actionSet, container, factSet, notice, subtle, text } from '../card';
import { execute } from '../actions';
import { errorText, numberInput, choiceSet, textInput } from '../inputs';
import { clip } from '../clip';
import { MEASURE_TYPE_TITLES, formatHoursPerWeek, formatKronor } from '../../domain/wording';

function measureBlock(vm: StepViewModel, measure: TMeasure, index: number): CardElement {
  const items: CardElement[] = [
    text(`${index + 1}. ${MEASURE_TYPE_TITLES[measure.type]}`, { weight: 'bolder' }),
    // Hours and cost are each optional (one of them is enough): a value left out is not listed,
    // so it never reads like a field that still has to be filled in.
    factSet([
      { title: 'Beskrivning', value: clip(measure.description) },
      ...(measure.hoursPerWeek === undefined ? [] : [{ title: 'Timmar', value: formatHoursPerWeek(measure.hoursPerWeek) }]),
      ...(measure.cost === undefined ? [] : [{ title: 'Kostnad utöver timmarna', value: formatKronor(measure.cost) }]),
    ]),
  ];
  const warning = vm.measureNotices?.[measure.id];
  if (warning) items.push(notice(warning, 'warning'));
  // Errors about a listed measure ("measures[1].hoursPerWeek") belong beside that measure.
  const prefix = `measures[${index}]`;
  for (const [field, message] of Object.entries(vm.errors)) {
    if (field === prefix || field.startsWith(`${prefix}.`)) items.push(errorText(field, message));
  }
  items.push(
    actionSet([
      execute('Ta bort', 'measure.remove', { draftId: vm.draftId, measureId: measure.id }, {
        style: 'destructive',
        associatedInputs: 'none',
        tooltip: `Ta bort insats ${index + 1}`,
      }),
    ]),
  );
  return container(items, { separator: true });
}

// The form is never required: Nästa must work once the measures are listed and the form is
// empty. Missing values are reported by the bot when "Lägg till insats" is pressed.
function newMeasureForm(vm: StepViewModel, hasMeasures: boolean): CardElement {
  const values = vm.newMeasure ?? {};
  const { errors } = vm;
  // What was typed here and could not be added stays in the form, and says so beside it.
  const held = Object.keys(errors).some((k) => k.startsWith('measure.'));
  return container(
    [
      text(hasMeasures ? 'Lägg till en insats till' : 'Lägg till en insats', { weight: 'bolder', style: 'heading' }),
      ...(held
        ? [notice('Insatsen nedan är inte tillagd än. Rätta det som står vid fälten och tryck Lägg till insats, eller töm fälten om insatsen inte ska vara med.', 'warning')]
        : []),
      ...choiceSet(
        {
          id: 'measure.type',
          label: 'Typ av insats',
          placeholder: 'Välj typ',
          errorMessage: 'Välj vilken typ av insats det är.',
          choices: [...ELIGIBLE_MEASURE_TYPES, ...ORDINARY_MEASURE_TYPES].map((t) => ({ title: MEASURE_TYPE_TITLES[t], value: t })),
          value: values.type,
        },
        errors,
      ),
      ...textInput(
        {
          id: 'measure.description',
          label: 'Beskrivning av insatsen',
          multiline: true,
          placeholder: 'Vad görs, av vem och när under dagen?',
          errorMessage: 'Beskriv insatsen.',
          value: values.description,
        },
        errors,
      ),
      ...numberInput(
        {
          id: 'measure.hoursPerWeek',
          label: 'Timmar per vecka',
          placeholder: 'Till exempel 10 eller 7,5',
          errorMessage: 'Skriv antal timmar per vecka, till exempel 7,5.',
          value: values.hoursPerWeek,
        },
        errors,
      ),
      ...numberInput(
        {
          id: 'measure.cost',
          label: 'Kostnad i kronor, om insatsen kostar något utöver timmarna',
          placeholder: 'Till exempel 25 000',
          errorMessage: 'Skriv kostnaden i hela kronor.',
          value: values.cost,
        },
        errors,
      ),
      actionSet([execute('Lägg till insats', 'measure.add', { draftId: vm.draftId, newMeasureId: vm.newMeasureId }, { associatedInputs: 'auto' })]),
      subtle('En insats som är ifylld här läggs till när du trycker Lägg till insats, Nästa eller Spara.', { spacing: 'none' }),
    ],
    { separator: true, style: 'emphasis' },
  );
}

export function measuresStep(vm: StepViewModel): StepContent {
  const measures = vm.draft.measures ?? [];
  const body: CardElement[] = [text('Insatser i ansökan', { weight: 'bolder', style: 'heading' })];
  if (measures.length === 0) body.push(subtle('Inga insatser tillagda än.'));
  measures.forEach((m, i) => body.push(measureBlock(vm, m, i)));
  body.push(newMeasureForm(vm, measures.length > 0));
  return {
    intro: 'Lägg till de extraordinära insatser som ska möta behovet, med timmar per vecka och kostnad. Extra undervisning, specialpedagogiska insatser och särskild undervisningsgrupp är ordinära och betalas genom grundbeloppet.',
    body,
  };
}
