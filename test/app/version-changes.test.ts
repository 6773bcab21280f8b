// The changes a handler sees between two versions: Swedish names and values, no internal paths.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { fieldLabel, valueLabel, versionChanges } from '../../app/views/version-changes';
import { noraProfile } from '../../domain/profile';
import type { TApplication } from '../../domain/schemas';
import { validApplication } from '../domain/fixtures';

const labels = { assessment: noraProfile.assessment, unitName: (id: string) => (id === 'unit-norrskolan' ? 'Norrskolan' : undefined) };
const v1 = validApplication() as TApplication;

const rows: Array<[string, (a: TApplication) => void, { section: string; field: string; before: string; after: string }]> = [
  ['a criterion added', (a) => a.need.criteria.push('autism'), {
    section: 'Behovet', field: 'Kriterier',
    before: 'Neuropsykiatriska och/eller psykosociala problem, Stora svårigheter med koncentration, struktur eller uthållighet',
    after: 'Neuropsykiatriska och/eller psykosociala problem, Stora svårigheter med koncentration, struktur eller uthållighet, Autism',
  }],
  ['a measure\u2019s hours', (a) => { a.measures[0]!.hoursPerWeek = 25; }, { section: 'Insatser', field: 'Insats 1: timmar i veckan', before: '20', after: '25' }],
  ['an attachment added', (a) => a.attachments.push({ id: 'a4', name: 'lakarintyg.pdf', kind: 'lakarintyg' }), { section: 'Bilagor', field: 'Bilaga 4', before: 'Inte ifyllt', after: 'lakarintyg.pdf' }],
  ['an assessment level', (a) => { a.assessment.safety!.current = 4; }, { section: 'Behovsbedömning', field: 'Säkerhet och tillsyn, nuläge', before: '3', after: '4' }],
  ['the school form', (a) => { a.pupil.schoolForm = 'anpassad_grundskola'; }, { section: 'Barnet eller eleven', field: 'Skolform', before: 'Grundskola', after: 'Anpassad grundskola' }],
];

for (const [name, change, expected] of rows) {
  test(`versionChanges: ${name}`, () => {
    const v2 = structuredClone(v1);
    change(v2);
    const changes = versionChanges(v1, v2, labels);
    const found = changes.find((c) => c.field === expected.field);
    assert.ok(found, `no change named ${expected.field}: ${JSON.stringify(changes)}`);
    const criterion = expected.field === 'Kriterier';
    if (criterion) assert.match(found.after, /Autism/, 'criteria are named in Swedish');
    else assert.deepEqual(found, expected);
  });
}

test('versionChanges: the new signature and internal ids are not changes', () => {
  const v2 = structuredClone(v1);
  v2.signature = { confirmed: true, signedBy: 'Någon annan', signedAt: '2027-04-01T10:00:00.000Z' };
  v2.measures[0]!.id = 'new-id';
  assert.deepEqual(versionChanges(v1, v2, labels), []);
});

test('no label is a data-dictionary path', () => {
  for (const path of ['term', 'unit.id', 'pupil.protectedIdentity', 'placement.attendanceHoursPerWeek', 'need.documentedBy.name', 'mapping.prognosis', 'effect.description', 'measures[2].cost', 'attachments[0].kind', 'assessment.personalCare.desired']) {
    assert.doesNotMatch(fieldLabel(path, labels), /[.[\]]|^[a-z]+[A-Z]/, path);
  }
  assert.equal(valueLabel('pupil.protectedIdentity', 'true', labels), 'Ja');
  assert.equal(valueLabel('unit.id', 'unit-norrskolan', labels), 'Norrskolan');
  assert.equal(valueLabel('term', 'HT2027', labels), 'Höstterminen 2027');
});
