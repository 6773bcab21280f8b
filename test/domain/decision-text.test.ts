import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  DECISION_PROBLEM_CODES,
  InvalidDecisionError,
  decisionText,
  validateDecision,
  weeksInWords,
  type DecisionFields,
  type DecisionTextInput,
} from '../../domain/decision-text';
import { noraProfile } from '../../domain/profile';

const independentUnit = { name: 'Solrosens förskola', kind: 'fristaende', huvudman: 'Solrosen Förskolor AB' } as const;
const municipalUnit = { name: 'Norrskolan', kind: 'kommunal', huvudman: 'Nora kommun' } as const;

function input(overrides: Partial<DecisionTextInput> = {}): DecisionTextInput {
  return {
    profile: noraProfile,
    caseNumber: 'TB-2027-0001',
    unit: independentUnit,
    term: 'HT2027',
    pupilRef: 'B-7F3K',
    schoolForm: 'grundskola',
    outcome: 'approved',
    amountPerMonth: 12400,
    from: '2027-08-01',
    to: '2027-12-31',
    approvedMeasures: ['Assistent, 20 timmar per vecka'],
    decidedBy: { name: 'Karin Lund', title: 'Chef för Elevhälsan' },
    decisionDate: '2027-05-20',
    ...overrides,
  };
}

const rejected: Partial<DecisionTextInput> = {
  outcome: 'rejected',
  amountPerMonth: null,
  from: null,
  to: null,
  approvedMeasures: [],
  reason: 'Behovet kan mötas med anpassningar inom den ordinarie undervisningen',
};
const partly: Partial<DecisionTextInput> = {
  outcome: 'partly_approved',
  approvedMeasures: ['Assistent, 20 timmar per vecka'],
  notApprovedMeasures: ['Extra undervisning i matematik', 'Specialpedagogisk insats'],
  reason: 'Extra undervisning och specialpedagogiska insatser är ordinärt stöd som ersätts genom grundbeloppet',
};

const NO_NEED_DISCLAIMER = 'Ett avslag innebär inte att Nora kommun har bedömt att eleven saknar behov av stöd.';
const NOT_WITHIN = 'Det innebär endast att de beskrivna stödbehoven eller insatserna inte faller inom det som tilläggsbelopp avser.';
const MUNICIPAL_DUTY = 'Kommunen är som huvudman skyldig enligt skollagen att se till att eleven får det stöd som behövs, oavsett om tilläggsbelopp beviljas eller inte.';
const NOT_APPEALABLE = 'kan därför inte överklagas';
const APPEAL_WINDOW = 'inom tre veckor från den dag då ni fick del av beslutet';

describe('decisionText: what each kind of decision says', () => {
  const cases: Array<{ name: string; input: DecisionTextInput; contains: string[]; lacks: string[] }> = [
    {
      name: 'rejection, kommunal unit: not a finding of no need; the duty to meet the need; no appeal',
      input: input({ ...rejected, unit: municipalUnit }),
      contains: [
        'Nora kommun avslår ansökan om tilläggsbelopp för eleven med referens B-7F3K vid Norrskolan för höstterminen 2027.',
        NO_NEED_DISCLAIMER,
        NOT_WITHIN,
        'Skäl för beslutet\nBehovet kan mötas med anpassningar inom den ordinarie undervisningen.',
        MUNICIPAL_DUTY,
        'anpassa sin organisation och tillgodose det stödbehov som har identifierats',
        NOT_APPEALABLE,
      ],
      lacks: ['förvaltningsrätten', 'överklagandet', 'kr per månad', 'Uppföljning', 'Utbetalning', 'betydande organisatoriska'],
    },
    {
      name: 'rejection, fristående unit: appeal to förvaltningsrätten through the municipality, within three weeks',
      input: input(rejected),
      contains: [
        NO_NEED_DISCLAIMER,
        NOT_WITHIN,
        'Beslutet kan överklagas hos förvaltningsrätten.',
        `Skicka det till Nora kommun, inte direkt till förvaltningsrätten, på adressen ${noraProfile.elevhalsanAddress}.`,
        APPEAL_WINDOW,
        'skickar det sedan vidare till förvaltningsrätten',
        '- vilket beslut ni överklagar, genom att ange ärendenummer TB-2027-0001 och beslutsdatum',
        '- hur ni vill att beslutet ska ändras',
        '- varför ni anser att beslutet ska ändras',
      ],
      lacks: [MUNICIPAL_DUTY, NOT_APPEALABLE, 'kr per månad', 'Uppföljning'],
    },
    {
      name: 'approval, fristående: amount, period, payment with grundbelopp, repayment, follow-up, appeal',
      input: input(),
      contains: [
        'Nora kommun beviljar tilläggsbelopp för eleven med referens B-7F3K vid Solrosens förskola med 12 400 kr per månad.',
        'Tilläggsbeloppet gäller för perioden 1 augusti 2027 till och med 31 december 2027.',
        'Beslutet avser följande insatser:\n- Assistent, 20 timmar per vecka',
        'betalas ut till huvudmannen, Solrosen Förskolor AB, månadsvis tillsammans med grundbeloppet',
        'Den som har tagit emot tilläggsbelopp på felaktiga grunder är skyldig att genast betala tillbaka beloppet.',
        'en gång per termin lämna en skriftlig uppföljning',
        'Uppföljningen ska ha kommit in senast 30 november 2027 för höstterminen 2027.',
        'en förutsättning för att fortsatt tilläggsbelopp',
        'förvaltningsrätten',
        APPEAL_WINDOW,
      ],
      lacks: ['Ett avslag innebär', 'delvis avslås', MUNICIPAL_DUTY, 'Insatser som inte beviljas'],
    },
    {
      name: 'approval, kommunal, over a school year: resource allocation, both follow-ups, no appeal',
      input: input({ unit: municipalUnit, from: '2027-08-01', to: '2028-06-30', amountPerMonth: 8266.67 }),
      contains: [
        'med 8 267 kr per månad',
        'perioden 1 augusti 2027 till och med 30 juni 2028',
        'inom kommunens resursfördelningssystem',
        'senast 30 november 2027 för höstterminen 2027 och senast 31 maj 2028 för vårterminen 2028',
        MUNICIPAL_DUTY,
        NOT_APPEALABLE,
      ],
      lacks: ['förvaltningsrätten', 'Ett avslag innebär', 'till huvudmannen'],
    },
    {
      name: 'partial approval: both groups of measures listed, the reasons, partial disclaimer',
      input: input(partly),
      contains: [
        'Nora kommun beviljar delvis ansökan om tilläggsbelopp för eleven med referens B-7F3K vid Solrosens förskola.',
        'Tilläggsbelopp beviljas med 12 400 kr per månad för perioden 1 augusti 2027 till och med 31 december 2027. I övrigt avslås ansökan.',
        'Insatser som beviljas:\n- Assistent, 20 timmar per vecka',
        'Insatser som inte beviljas:\n- Extra undervisning i matematik\n- Specialpedagogisk insats',
        'Skäl för beslutet\nExtra undervisning och specialpedagogiska insatser är ordinärt stöd som ersätts genom grundbeloppet.',
        'Att ansökan delvis avslås innebär inte att Nora kommun har bedömt att eleven saknar behov av stöd i de delarna.',
        'Uppföljning',
        APPEAL_WINDOW,
      ],
      lacks: [NO_NEED_DISCLAIMER, 'Beslutet avser följande insatser'],
    },
    {
      name: 'partial approval, kommunal: still the duty, still no appeal',
      input: input({ ...partly, unit: municipalUnit }),
      contains: ['Insatser som inte beviljas:', MUNICIPAL_DUTY, NOT_APPEALABLE],
      lacks: ['förvaltningsrätten'],
    },
    {
      name: 'rejection on the ground of significant difficulties (fristående): the ground and its consequence',
      input: input({ ...rejected, significantDifficulties: true, reason: 'Kostnaden ryms inte i kommunens budget för året' }),
      contains: [
        'skulle medföra betydande organisatoriska eller ekonomiska svårigheter för kommunen',
        'huvudmannen inte skyldig att ta emot eller ge fortsatt utbildning åt eleven',
        'Avslaget innebär inte att Nora kommun har bedömt att eleven saknar behov av stöd.',
        'förvaltningsrätten',
      ],
      lacks: [NOT_WITHIN],
    },
    {
      name: 'partial approval on the ground of significant difficulties: no claim that the rest falls outside tilläggsbelopp',
      input: input({ ...partly, significantDifficulties: true }),
      contains: [
        'skulle medföra betydande organisatoriska eller ekonomiska svårigheter för kommunen',
        'för den del som inte beviljas',
        'Att ansökan delvis avslås innebär inte att Nora kommun har bedömt att eleven saknar behov av stöd i de delarna.',
      ],
      lacks: ['inte faller inom det som tilläggsbelopp avser', 'inte skyldig att ta emot'],
    },
    {
      name: 'a profile with a four-week appeal window',
      input: input({ profile: { ...noraProfile, appealWindowWeeks: 4 } }),
      contains: ['inom fyra veckor från den dag då ni fick del av beslutet'],
      lacks: ['tre veckor'],
    },
    {
      name: 'förskola: the letter speaks of the child',
      input: input({ schoolForm: 'forskola' }),
      contains: ['för barnet med referens B-7F3K'],
      lacks: ['eleven med referens'],
    },
    {
      name: 'school form unknown: child or pupil',
      input: input({ ...rejected, schoolForm: null }),
      contains: ['för barnet eller eleven med referens B-7F3K', 'har bedömt att barnet eller eleven saknar behov av stöd'],
      lacks: [],
    },
  ];

  for (const { name, input: given, contains, lacks } of cases) {
    test(name, () => {
      const text = decisionText(given);
      for (const part of contains) assert.ok(text.includes(part), `missing: ${part}\n---\n${text}`);
      for (const part of lacks) assert.ok(!text.includes(part), `should not say: ${part}\n---\n${text}`);
    });
  }
});

describe('decisionText: every letter', () => {
  const letters = [
    input(),
    input({ unit: municipalUnit }),
    input(partly),
    input({ ...partly, unit: municipalUnit }),
    input(rejected),
    input({ ...rejected, unit: municipalUnit }),
  ];
  for (const given of letters) {
    const label = `${given.outcome}, ${given.unit.kind}`;
    test(`${label}: heading, case data, legal basis, signature`, () => {
      const text = decisionText(given);
      assert.ok(text.startsWith('BESLUT OM TILLÄGGSBELOPP\n\n'), 'the heading comes first');
      for (const part of [
        'Ärende: TB-2027-0001',
        'Beslutsdatum: 20 maj 2027',
        'Barn/elev: referens B-7F3K',
        'Ansökan avser: höstterminen 2027',
        `Huvudman: ${given.unit.huvudman}`,
        'skollagen (2010:800)',
        '14 kap. 8 § skolförordningen (2011:185)',
        'Beslutet har fattats av:\nKarin Lund\nChef för Elevhälsan, Nora kommun',
      ]) {
        assert.ok(text.includes(part), `missing: ${part}`);
      }
    });
    test(`${label}: plain paragraphs, nothing left unfilled`, () => {
      const text = decisionText(given);
      assert.doesNotMatch(text, /\n{3,}/, 'paragraphs are separated by exactly one blank line');
      assert.doesNotMatch(text, /[ \t]+$/m, 'no trailing spaces');
      assert.doesNotMatch(text, /undefined|null|NaN|\[object/);
      assert.doesNotMatch(text, /\.\./);
      assert.equal(text, text.trim());
    });
  }
});

describe('decisionText refuses an invalid decision', () => {
  test('throws InvalidDecisionError with the problems', () => {
    assert.throws(
      () => decisionText(input({ outcome: 'approved', amountPerMonth: 0 })),
      (error: unknown) =>
        error instanceof InvalidDecisionError && error.problems.some((p) => p.code === 'decision.amountPerMonth.notPositive'),
    );
  });
  test('the difficulties ground is refused for a kommunal unit', () => {
    assert.throws(
      () => decisionText(input({ ...rejected, unit: municipalUnit, significantDifficulties: true })),
      (error: unknown) =>
        error instanceof InvalidDecisionError && error.problems.some((p) => p.code === 'decision.significantDifficulties.kommunal'),
    );
  });
});

describe('validateDecision', () => {
  const approved: DecisionFields = { outcome: 'approved', amountPerMonth: 12400, from: '2027-08-01', to: '2027-12-31' };
  const partlyOk: DecisionFields = {
    ...approved,
    outcome: 'partly_approved',
    reason: 'Extra undervisning ersätts genom grundbeloppet.',
    approvedMeasures: ['Assistent'],
    notApprovedMeasures: ['Extra undervisning'],
  };
  const rejectedOk: DecisionFields = { outcome: 'rejected', reason: 'Behovet ryms i den ordinarie verksamheten.' };

  const cases: Array<[string, DecisionFields, string[]]> = [
    ['a complete approval', approved, []],
    ['a complete partial approval', partlyOk, []],
    ['a complete rejection needs no amount or period', rejectedOk, []],
    ['a one-day period', { ...approved, from: '2027-08-01', to: '2027-08-01' }, []],
    ['approval without an amount', { ...approved, amountPerMonth: undefined }, ['decision.amountPerMonth.missing']],
    ['approval with amount null', { ...approved, amountPerMonth: null }, ['decision.amountPerMonth.missing']],
    ['approval with 0 kr', { ...approved, amountPerMonth: 0 }, ['decision.amountPerMonth.notPositive']],
    ['approval with a negative amount', { ...approved, amountPerMonth: -100 }, ['decision.amountPerMonth.notPositive']],
    ['approval with an infinite amount', { ...approved, amountPerMonth: Infinity }, ['decision.amountPerMonth.notPositive']],
    ['approval without a period', { ...approved, from: null, to: undefined }, ['decision.from.missing', 'decision.to.missing']],
    ['approval with blank dates', { ...approved, from: ' ', to: '' }, ['decision.from.missing', 'decision.to.missing']],
    ['a date that does not exist', { ...approved, from: '2027-02-30' }, ['decision.from.invalid']],
    ['a date in another format', { ...approved, to: '31/12/2027' }, ['decision.to.invalid']],
    ['a period that ends before it starts', { ...approved, from: '2028-01-01', to: '2027-12-31' }, ['decision.to.beforeFrom']],
    ['partial approval without an amount or period', { ...partlyOk, amountPerMonth: null, from: null, to: null }, [
      'decision.amountPerMonth.missing',
      'decision.from.missing',
      'decision.to.missing',
    ]],
    ['rejection without a reason', { outcome: 'rejected' }, ['decision.reason.missing']],
    ['rejection with a blank reason', { outcome: 'rejected', reason: '   ' }, ['decision.reason.missing']],
    ['partial approval without a reason', { ...partlyOk, reason: null }, ['decision.reason.missing']],
    ['partial approval that approves no measure', { ...partlyOk, approvedMeasures: [] }, ['decision.approvedMeasures.missing']],
    ['partial approval that leaves nothing unapproved', { ...partlyOk, notApprovedMeasures: [] }, ['decision.approvedMeasures.allApproved']],
    ['partial approval without measures at all', { ...partlyOk, approvedMeasures: undefined, notApprovedMeasures: undefined }, [
      'decision.approvedMeasures.missing',
      'decision.approvedMeasures.allApproved',
    ]],
    ['the difficulties ground with an approval', { ...approved, significantDifficulties: true }, ['decision.significantDifficulties.approved']],
    ['the difficulties ground with a rejection (fristående)', { ...rejectedOk, significantDifficulties: true, unitKind: 'fristaende' }, []],
    ['the difficulties ground with a partial approval (fristående)', { ...partlyOk, significantDifficulties: true, unitKind: 'fristaende' }, []],
    ['the difficulties ground for a kommunal unit', { ...rejectedOk, significantDifficulties: true, unitKind: 'kommunal' }, [
      'decision.significantDifficulties.kommunal',
    ]],
    ['significantDifficulties false is no ground', { ...approved, significantDifficulties: false }, []],
    ['an unknown outcome', { outcome: 'maybe' as DecisionFields['outcome'] }, ['decision.outcome.invalid']],
  ];

  for (const [name, given, codes] of cases) {
    test(name, () => {
      const problems = validateDecision(given);
      assert.deepEqual(problems.map((p) => p.code).sort(), [...codes].sort());
      for (const p of problems) {
        assert.ok(p.code in DECISION_PROBLEM_CODES, `undocumented code ${p.code}`);
        // The field is the code's first two segments: the id of the card input to mark.
        assert.equal(p.field, p.code.split('.').slice(0, 2).join('.'));
        assert.match(p.message, /^[A-ZÅÄÖ].*\.$/s);
      }
    });
  }

  test('field ids are the data dictionary paths', () => {
    const fields = new Set(
      cases.flatMap(([, given]) => validateDecision(given).map((p) => p.field)),
    );
    assert.deepEqual(
      [...fields].sort(),
      [
        'decision.amountPerMonth',
        'decision.approvedMeasures',
        'decision.from',
        'decision.outcome',
        'decision.reason',
        'decision.significantDifficulties',
        'decision.to',
      ],
    );
  });
});

describe('weeksInWords', () => {
  const cases: Array<[number, string]> = [
    [1, 'en vecka'],
    [2, 'två veckor'],
    [3, 'tre veckor'],
    [12, 'tolv veckor'],
    [13, '13 veckor'],
  ];
  for (const [weeks, expected] of cases) test(`${weeks} -> ${expected}`, () => assert.equal(weeksInWords(weeks), expected));
});
