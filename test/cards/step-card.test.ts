// Every step card, empty and full, with errors, in every variant the dialog can reach.
import { test, describe } from '@jest/globals';
import assert from 'node:assert/strict';
import { stepCard } from '../../cards/step-card';
import { APPLICATION_STEPS, STEP_TITLES, type ApplicationStep } from '../../machines/application.steps';
import { noraProfile } from '../../domain/profile';
import { cardBytes } from './validate';
import { DRAFT_ID, NEW_MEASURE_ID, fullDraft, fullStepVm, measure, stepVm } from './fixtures';
import { allText, assertValidCard, button, buttons, elementAfterInput, input, inputIds, inputs, nodes, texts, visibleStrings } from './helpers';

const areaIds = noraProfile.assessment.areas.flatMap((a) => [`assessment.${a.id}.current`, `assessment.${a.id}.desired`]);

// The inputs each step shows for the full draft (protected identity off, one pending file).
const EXPECTED_INPUTS: Record<ApplicationStep, string[]> = {
  unitTerm: ['unit.id', 'term'],
  pupil: [
    'pupil.protectedIdentity',
    'pupil.personnummer',
    'pupil.firstName',
    'pupil.lastName',
    'pupil.registeredMunicipality',
    'pupil.schoolForm',
    'pupil.grade',
  ],
  placement: ['placement.group', 'placement.attendanceHoursPerWeek'],
  need: ['need.criteria', 'need.description', 'need.documentedBy.competence', 'need.documentedBy.name'],
  mapping: ['mapping.cognitive', 'mapping.social', 'mapping.needs', 'mapping.prognosis'],
  assessment: areaIds,
  measures: ['measure.type', 'measure.description', 'measure.hoursPerWeek', 'measure.cost'],
  effect: ['effect.description'],
  attachments: ['attachment.kind'],
  summary: ['signature.confirmed'],
};

function errorsFor(ids: string[]): Record<string, string> {
  return Object.fromEntries(ids.map((id, i) => [id, `Fel nummer ${i + 1} i det här fältet.`]));
}

describe('stepCard: every step, empty and full', () => {
  for (const step of APPLICATION_STEPS) {
    const index = APPLICATION_STEPS.indexOf(step);
    test(`${step}: empty draft`, () => {
      const card = stepCard(stepVm(step));
      assertValidCard(card, `${step} (empty)`);
      assert.equal(texts(card)[0], `Steg ${index + 1} av 10 · ${STEP_TITLES[step]}`);
    });

    test(`${step}: full draft with notice and every extra`, () => {
      const card = stepCard(fullStepVm(step));
      assertValidCard(card, `${step} (full)`);
      assert.deepEqual(inputIds(card), EXPECTED_INPUTS[step]);
      assert.ok(allText(card).includes('Extra undervisning är en ordinär insats'), 'notice shown');
      console.log(`${step} full: ${cardBytes(card)} bytes`);
    });

    test(`${step}: an error on every field sits right under its input`, () => {
      const ids = EXPECTED_INPUTS[step];
      const errors: Record<string, string> = { ...errorsFor(ids), 'measures[9]': 'Ett fel som inte hör till något fält.' };
      const card = stepCard({ ...fullStepVm(step), errors });
      assertValidCard(card, `${step} (errors)`);
      for (const id of ids) {
        const after = elementAfterInput(card, id);
        assert.equal(after?.text, errors[id], `error of ${id} is right under it`);
        assert.equal(after?.color, 'attention');
      }
      const summary = texts(card).find((s) => s.startsWith('Det finns'));
      assert.equal(summary, `Det finns ${ids.length + 1} saker att rätta. Se meddelandena under fälten.`);
      assert.ok(texts(card).includes('• Ett fel som inte hör till något fält.'), 'a loose error is listed on top');
      assert.ok(!texts(card).includes(`• ${errors[ids[0]!]}`), 'placed errors are not repeated on top');
      console.log(`${step} with errors: ${cardBytes(card)} bytes`);
    });

    test(`${step}: navigation buttons`, () => {
      const card = stepCard(stepVm(step));
      const primary = step === 'summary' ? button(card, 'Skicka in ansökan') : button(card, 'Nästa');
      assert.equal(primary?.verb, step === 'summary' ? 'app.submit' : 'step.next');
      assert.deepEqual(primary?.data, step === 'summary' ? { draftId: DRAFT_ID } : { draftId: DRAFT_ID, step });
      assert.equal(primary?.associatedInputs, 'auto');
      const back = button(card, 'Tillbaka');
      if (index === 0) assert.equal(back, undefined, 'no Tillbaka on step 1');
      // Going back or pausing sends what is typed, so nothing written is lost.
      else assert.deepEqual([back?.verb, back?.data, back?.associatedInputs], ['step.back', { draftId: DRAFT_ID, step }, 'auto']);
      const save = button(card, 'Spara och fortsätt senare');
      assert.deepEqual([save?.verb, save?.data, save?.associatedInputs], ['draft.save', { draftId: DRAFT_ID, step }, 'auto']);
    });
  }
});

describe('stepCard: pre-filled from the draft', () => {
  test('values come from the draft', () => {
    const v = (step: ApplicationStep, id: string) => input(stepCard(stepVm(step, fullDraft)), id)?.value;
    assert.equal(v('unitTerm', 'unit.id'), 'u-karla');
    assert.equal(v('unitTerm', 'term'), 'HT2027');
    assert.equal(v('pupil', 'pupil.personnummer'), '20170312-1234');
    assert.equal(v('pupil', 'pupil.protectedIdentity'), 'false');
    assert.equal(v('pupil', 'pupil.schoolForm'), 'grundskola');
    // Numbers are typed as text, with the Swedish decimal comma.
    assert.equal(v('placement', 'placement.attendanceHoursPerWeek'), '32,5');
    assert.equal(v('need', 'need.criteria'), 'autism,koncentration_struktur');
    assert.equal(v('need', 'need.documentedBy.competence'), 'psykologisk');
    assert.equal(v('mapping', 'mapping.prognosis'), fullDraft.mapping?.prognosis);
    assert.equal(v('assessment', 'assessment.physical.current'), '1');
    assert.equal(v('assessment', 'assessment.physical.desired'), '0');
    assert.equal(v('effect', 'effect.description'), fullDraft.effect?.description);
    assert.equal(v('summary', 'signature.confirmed'), 'true');
  });

  test('registered municipality defaults to the profile, an empty draft shows no values', () => {
    const card = stepCard(stepVm('pupil'));
    assert.equal(input(card, 'pupil.registeredMunicipality')?.value, 'Nora kommun');
    assert.equal(input(card, 'pupil.firstName')?.value, undefined);
    assert.equal(input(card, 'pupil.protectedIdentity')?.value, 'false');
  });

  test('a unit or term the principal cannot choose is not pre-selected', () => {
    const card = stepCard(stepVm('unitTerm', { unit: { id: 'u-other' }, term: 'HT2031' }));
    assert.equal(input(card, 'unit.id')?.value, undefined);
    assert.equal(input(card, 'term')?.value, undefined);
  });

  test('no step input blocks the client: Spara and Tillbaka always go through, the server checks Nästa', () => {
    for (const step of APPLICATION_STEPS) {
      const card = stepCard(fullStepVm(step));
      const required = inputs(card).filter((i) => i.isRequired !== undefined).map((i) => i.id);
      assert.deepEqual(required, [], `${step} has client-required inputs`);
    }
  });

  test('numbers are text inputs, so "32,5" and "25 000" reach the bot', () => {
    const placement = stepCard(stepVm('placement'));
    assert.equal(input(placement, 'placement.attendanceHoursPerWeek')?.type, 'Input.Text');
    const measures = stepCard(stepVm('measures'));
    for (const id of ['measure.hoursPerWeek', 'measure.cost']) assert.equal(input(measures, id)?.type, 'Input.Text', id);
  });
});

describe('stepCard: unitTerm', () => {
  test('only the given units, each term with its deadline, late terms warned', () => {
    const card = stepCard(stepVm('unitTerm'));
    const unitChoices = input(card, 'unit.id')?.choices as Array<{ title: string; value: string }>;
    assert.deepEqual(unitChoices.map((c) => c.value), ['u-karla', 'u-solen', 'u-montessori']);
    assert.equal(unitChoices[2]?.title, 'Montessoriskolan Nora (fristående)');
    const termChoices = input(card, 'term')?.choices as Array<{ title: string }>;
    assert.equal(termChoices[0]?.title, 'Höstterminen 2027 – sista ansökningsdag 15 april 2027 (sen ansökan)');
    assert.equal(termChoices[1]?.title, 'Vårterminen 2028 – sista ansökningsdag 15 oktober 2027');
    assert.match(allText(card), /Höstterminen 2027: sista ansökningsdagen har passerat/);
    assert.doesNotMatch(allText(card), /Vårterminen 2028: sista/);
  });

  test('no units and no terms: a polite explanation, still a valid card', () => {
    const card = stepCard(stepVm('unitTerm', {}, { units: [], termOptions: [] }));
    assertValidCard(card, 'unitTerm without options');
    assert.deepEqual(inputIds(card), []);
    assert.match(allText(card), /Du är inte registrerad som rektor/);
  });
});

describe('stepCard: pupil and protected identity', () => {
  test('protected identity on: no name or personnummer inputs, a reference instead', () => {
    const draft = { pupil: { ...fullDraft.pupil, protectedIdentity: true } };
    const card = stepCard(stepVm('pupil', draft));
    assertValidCard(card, 'pupil (protected)');
    assert.deepEqual(inputIds(card), ['pupil.protectedIdentity', 'pupil.registeredMunicipality', 'pupil.schoolForm', 'pupil.grade']);
    assert.equal(input(card, 'pupil.protectedIdentity')?.value, 'true');
    assert.match(allText(card), /referens/);
    assert.doesNotMatch(JSON.stringify(card), /20170312|Elsa|Lindqvist/, 'stored names never reach the card');
  });

  test('protected identity off: name and personnummer asked; the card explains the re-render', () => {
    const card = stepCard(stepVm('pupil', { pupil: { protectedIdentity: false } }));
    assert.ok(inputIds(card).includes('pupil.personnummer'));
    assert.match(allText(card), /Ändrar du detta visas rätt fält när du trycker Nästa/);
  });

  test('only the profile\'s school forms are offered', () => {
    const profile = { ...noraProfile, schoolForms: ['forskola', 'grundskola'] as const };
    const card = stepCard({ ...stepVm('pupil'), profile: { ...profile, schoolForms: [...profile.schoolForms] } });
    const choices = input(card, 'pupil.schoolForm')?.choices as Array<{ title: string }>;
    assert.deepEqual(choices.map((c) => c.title), ['Förskola', 'Grundskola']);
  });
});

describe('stepCard: need and assessment', () => {
  test('criteria are an expanded multi-select of the six criteria', () => {
    const criteria = input(stepCard(stepVm('need')), 'need.criteria');
    assert.equal(criteria?.isMultiSelect, true);
    assert.equal(criteria?.style, 'expanded');
    assert.equal((criteria?.choices as unknown[]).length, 6);
  });

  test('assessment: two compact level drop-downs per area and the summary', () => {
    const card = stepCard(fullStepVm('assessment'));
    const current = input(card, 'assessment.safety.current');
    assert.equal(current?.style, 'compact');
    assert.equal((current?.choices as Array<{ title: string }>)[2]?.title, '2 · Extraordinärt stöd vissa stunder av dagen');
    const text = allText(card);
    assert.match(text, /Stöd i dag\n41 timmar i veckan/);
    assert.match(text, /Stöd i önskat läge\n12,5 timmar i veckan/);
    assert.match(text, /42 367 kr per månad/);
    assert.match(text, /310 kr i timmen/);
    assert.match(text, /Först från nivå 2 \(”Extraordinärt stöd vissa stunder av dagen”\) räknas behovet mot tilläggsbelopp/);
  });

  test('assessment: each area is one row of two drop-downs, and the result sits under Räkna ut', () => {
    const card = stepCard(fullStepVm('assessment'));
    assertValidCard(card, 'assessment with a result');
    const rows = nodes(card).filter((n) => n.type === 'ColumnSet');
    assert.equal(rows.length, noraProfile.assessment.areas.length);
    for (const row of rows) assert.equal(inputs(row).length, 2);
    const strings = visibleStrings(card);
    assert.ok(strings.indexOf('Räkna ut timmar och belopp') >= 0);
    assert.ok(strings.indexOf('Räkna ut timmar och belopp') < strings.indexOf('Resultat av bedömningen'), 'the result comes after its button');
  });

  test('assessment: before any level is chosen, no result reads like a verdict', () => {
    const vm = fullStepVm('assessment', { ...fullDraft, assessment: {} });
    vm.assessmentSummary = { hoursCurrent: 0, hoursDesired: 0, amountPerMonthText: '0 kr', explanation: 'Inga områden på nivå 2 eller högre, så bedömningen ger inget tilläggsbelopp.' };
    const card = stepCard(vm);
    assertValidCard(card, 'assessment before any rating');
    const text = allText(card);
    assert.doesNotMatch(text, /Resultat av bedömningen|ger inget tilläggsbelopp|0 kr/);
    assert.match(text, /tryck Räkna ut timmar och belopp, så visas resultatet här/);
  });
});

describe('stepCard: measures', () => {
  for (const count of [0, 1, 3]) {
    test(`${count} measures listed, each with Ta bort`, () => {
      const draft = { measures: [measure(1), measure(2, 'lokalanpassning'), measure(3, 'extra_undervisning')].slice(0, count) };
      const card = stepCard({ ...fullStepVm('measures', draft) });
      assertValidCard(card, `measures (${count})`);
      const removes = buttons(card).filter((b) => b.verb === 'measure.remove');
      assert.deepEqual(removes.map((b) => b.data), draft.measures.map((m) => ({ draftId: DRAFT_ID, measureId: m.id })));
      assert.equal(removes.every((b) => b.associatedInputs === 'none'), true);
      const add = button(card, 'Lägg till insats');
      assert.deepEqual([add?.verb, add?.data, add?.associatedInputs], ['measure.add', { draftId: DRAFT_ID, newMeasureId: NEW_MEASURE_ID }, 'auto']);
      const text = allText(card);
      if (count === 0) assert.match(text, /Inga insatser tillagda än/);
      if (count === 3) {
        assert.match(text, /3\. Extra undervisning \(ordinärt stöd\)/);
        assert.match(text, /Extra undervisning är ordinär och ger inte tilläggsbelopp/);
        assert.match(text, /13 timmar i veckan/);
        assert.match(text, /3\s000 kr/);
      } else {
        assert.doesNotMatch(text, /ger inte tilläggsbelopp\. Ta bort/);
      }
    });
  }

  test('an error about a listed measure sits beside that measure', () => {
    const card = stepCard(stepVm('measures', { measures: [measure(1), measure(2)] }, { errors: { 'measures[1].hoursPerWeek': 'Ange timmar.' } }));
    const json = JSON.stringify(card);
    const at = json.indexOf('Ange timmar.');
    assert.ok(at > json.indexOf('Insats 2:') && at < json.indexOf('"measureId":"m2"'), 'between measure 2 and its Ta bort');
    assert.equal(texts(card).find((s) => s.startsWith('Det finns')), 'Det finns en sak att rätta. Se meddelandena under fälten.');
  });

  test('the refused new measure comes back filled in', () => {
    const card = stepCard(stepVm('measures', {}, { newMeasure: { type: 'assistent', description: 'Assistent på raster', hoursPerWeek: 6 } }));
    assert.equal(input(card, 'measure.type')?.value, 'assistent');
    assert.equal(input(card, 'measure.hoursPerWeek')?.value, '6');
  });
});

describe('stepCard: attachments', () => {
  test('checklist, files and the pending file\'s kind question', () => {
    const card = stepCard(fullStepVm('attachments'));
    const text = allText(card);
    assert.match(text, /✓ Åtgärdsprogram \(krävs\) – bifogad/);
    assert.match(text, /✗ Minst ett underlag som styrker behovet: pedagogisk kartläggning, läkarintyg, psykologbedömning eller testresultat \(krävs\) – saknas/);
    assert.doesNotMatch(text, /Pedagogisk kartläggning \(krävs\)/, 'any supporting document satisfies the rule');
    assert.match(text, /○ Läkarintyg \(om det finns\) – ej bifogad/, 'an optional document is not marked as missing');
    assert.match(text, /IMG_2041\.jpg\nTyp inte vald/);
    assert.match(text, /Psykologutlåtande\.pdf\nPsykologbedömning/);
    assert.equal(input(card, 'attachment.kind')?.label, 'Vilken sorts bilaga är IMG_2041.jpg?');
    const save = button(card, 'Spara typ');
    assert.deepEqual([save?.verb, save?.data], ['attachment.kind', { draftId: DRAFT_ID, attachmentId: 'a3' }]);
    assert.match(text, /Dra in filerna/);
  });

  test('two missing requirements are counted as two, each message under its own line', () => {
    const vm = fullStepVm('attachments');
    vm.attachmentChecklist = vm.attachmentChecklist!.map((i) => ({ ...i, done: false }));
    vm.errors = { 'attachments.atgardsprogram': 'Bifoga åtgärdsprogrammet.', 'attachments.supporting': 'Bifoga underlag.' };
    const card = stepCard(vm);
    assertValidCard(card, 'attachments with two problems');
    const text = allText(card);
    assert.match(text, /Det finns 2 saker att rätta/);
    assert.match(text, /✗ Åtgärdsprogram \(krävs\) – saknas\nBifoga åtgärdsprogrammet\./);
    assert.match(text, /– saknas\nBifoga underlag\./);
    assert.equal(nodes(card).filter((n) => n.color === 'good').length, 0, 'no green text on white');
  });

  test('without a pending file there is no kind question', () => {
    const card = stepCard(stepVm('attachments', fullDraft));
    assert.deepEqual(inputIds(card), []);
    assert.equal(button(card, 'Spara typ'), undefined);
  });
});

describe('stepCard: summary', () => {
  test('each section has its facts and an Ändra button to its step', () => {
    const card = stepCard(fullStepVm('summary'));
    const gotos = buttons(card).filter((b) => b.verb === 'step.goto');
    assert.deepEqual(gotos.map((b) => (b.data as { step: string }).step), APPLICATION_STEPS.filter((s) => s !== 'summary'));
    assert.equal(gotos.every((b) => b.title === 'Ändra' && b.associatedInputs === 'none'), true);
    const signature = input(card, 'signature.confirmed');
    assert.equal(signature?.title, 'Jag är ansvarig rektor/förskolechef och intygar att uppgifterna stämmer');
    // Unsigned, the submit comes back from the server as a problem with a button to this step.
    assert.equal(signature?.isRequired, undefined);
    assert.equal(button(card, 'Nästa'), undefined);
    assert.match(allText(card), /Personnummer\n20170312-1234/);
  });
});
