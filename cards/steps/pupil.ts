import type { StepViewModel } from '../view-models';
import type { CardElement } from '../types';
import type { StepContent } from './frame';
import { notice, subtle } from '../card';
import { choiceSet, textInput, toggle } from '../inputs';
import { SCHOOL_FORM_LABELS } from '../../domain/wording';

export function pupilStep(vm: StepViewModel): StepContent {
  const { errors, profile } = vm;
  const pupil = vm.draft.pupil ?? {};
  const isProtected = pupil.protectedIdentity === true;
  const body: CardElement[] = [
    ...toggle(
      {
        id: 'pupil.protectedIdentity',
        label: 'Skyddade personuppgifter',
        title: 'Barnet har skyddade personuppgifter',
        errorMessage: 'Ange om barnet har skyddade personuppgifter.',
        value: isProtected,
      },
      errors,
    ),
    subtle(
      'Med skyddade personuppgifter frågar vi inte efter namn eller personnummer och sparar dem inte. Ärendet får en referens i stället. Ändrar du detta visas rätt fält när du trycker Nästa.',
      { spacing: 'none' },
    ),
  ];

  // Adaptive Cards 1.5 cannot hide fields from a toggle without a round trip, so the bot
  // re-renders this card after Nästa and the name fields are simply never drawn.
  if (isProtected) {
    body.push(notice('Namn och personnummer fylls inte i. Ansökan får en referens som Elevhälsan använder i stället.', 'default'));
  } else {
    body.push(
      ...textInput(
        {
          id: 'pupil.personnummer',
          label: 'Personnummer',
          placeholder: 'ÅÅÅÅMMDD-NNNN',
          // Lenient on purpose: the domain rules check date and check digit and say exactly what is wrong.
          regex: '^\\s*(\\d{6}|\\d{8})[-+]?\\d{4}\\s*$',
          errorMessage: 'Skriv personnumret som ÅÅÅÅMMDD-NNNN.',
          value: pupil.personnummer,
        },
        errors,
      ),
      ...textInput(
        { id: 'pupil.firstName', label: 'Förnamn', maxLength: 100, errorMessage: 'Skriv barnets förnamn.', value: pupil.firstName },
        errors,
      ),
      ...textInput(
        { id: 'pupil.lastName', label: 'Efternamn', maxLength: 100, errorMessage: 'Skriv barnets efternamn.', value: pupil.lastName },
        errors,
      ),
    );
  }

  body.push(
    ...textInput(
      {
        id: 'pupil.registeredMunicipality',
        label: 'Folkbokföringskommun',
        errorMessage: 'Skriv vilken kommun barnet är folkbokfört i.',
        maxLength: 100,
        value: pupil.registeredMunicipality ?? profile.name,
      },
      errors,
    ),
    subtle(
      `Barnet måste vara folkbokfört i ${profile.name}. Är barnet folkbokfört i en annan kommun söker du i stället hos den kommunen.`,
      { spacing: 'none' },
    ),
    ...choiceSet(
      {
        id: 'pupil.schoolForm',
        label: 'Skolform',
        errorMessage: 'Välj skolform.',
        placeholder: 'Välj skolform',
        choices: profile.schoolForms.map((f) => ({ title: SCHOOL_FORM_LABELS[f], value: f })),
        value: pupil.schoolForm && profile.schoolForms.includes(pupil.schoolForm) ? pupil.schoolForm : undefined,
      },
      errors,
    ),
    ...textInput(
      {
        id: 'pupil.grade',
        label: 'Årskurs (om skolformen har årskurser)',
        placeholder: 'Till exempel 3',
        errorMessage: 'Skriv årskursen, till exempel 3.',
        maxLength: 20,
        value: pupil.grade,
      },
      errors,
    ),
  );

  return {
    intro: 'Fyll i uppgifter om barnet eller eleven. Vi frågar bara efter det som behövs för att pröva ansökan.',
    body,
  };
}
