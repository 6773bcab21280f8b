import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { checkPersonnummer, luhnCheckDigit, PERSONNUMMER_MESSAGES } from '../../domain/personnummer';

const TODAY = new Date('2027-03-01T09:00:00Z');

// Builds a number with a correct check digit, so tests do not depend on memorised examples.
function withCheckDigit(yyyymmdd: string, serial: string): string {
  return `${yyyymmdd}-${serial}${luhnCheckDigit(yyyymmdd.slice(2) + serial)}`;
}
function withWrongCheckDigit(yyyymmdd: string, serial: string): string {
  return `${yyyymmdd}-${serial}${(luhnCheckDigit(yyyymmdd.slice(2) + serial) + 1) % 10}`;
}

describe('luhnCheckDigit', () => {
  test('known examples', () => {
    assert.equal(luhnCheckDigit('121212121'), 2); // 19121212-1212, Skatteverket's classic test number
    assert.equal(luhnCheckDigit('811218987'), 6); // 811218-9876, the textbook example
  });
  test('rejects non-digits', () => assert.throws(() => luhnCheckDigit('12a'), RangeError));
});

describe('checkPersonnummer: valid', () => {
  const cases: Array<[string, string, string, string, boolean]> = [
    ['classic test number with dash', '19121212-1212', '19121212-1212', '1912-12-12', false],
    ['without dash is normalized', '191212121212', '19121212-1212', '1912-12-12', false],
    ['surrounding spaces', '  19121212-1212 ', '19121212-1212', '1912-12-12', false],
    ['child born 2015', withCheckDigit('20150312', '238'), withCheckDigit('20150312', '238'), '2015-03-12', false],
    ['leap day', withCheckDigit('20160229', '123'), withCheckDigit('20160229', '123'), '2016-02-29', false],
    ['samordningsnummer: day + 60', withCheckDigit('20150372', '238'), withCheckDigit('20150372', '238'), '2015-03-12', true],
    ['born today', withCheckDigit('20270301', '111'), withCheckDigit('20270301', '111'), '2027-03-01', false],
  ];
  for (const [name, input, normalized, birthDate, samordningsnummer] of cases) {
    test(name, () => {
      assert.deepEqual(checkPersonnummer(input, TODAY), { ok: true, normalized, birthDate, samordningsnummer });
    });
  }
});

describe('checkPersonnummer: invalid', () => {
  const cases: Array<[string, string, 'format' | 'date' | 'checksum' | 'future']> = [
    ['ten digits, no century', '121212-1212', 'format'],
    ['letters', '2015O312-2382', 'format'],
    ['plus sign', '19121212+1212', 'format'],
    ['too many digits', '19121212-12123', 'format'],
    ['empty', '', 'format'],
    ['month 13', withCheckDigit('20151312', '238'), 'date'],
    ['day 00', withCheckDigit('20150300', '238'), 'date'],
    ['31 April', withCheckDigit('20150431', '238'), 'date'],
    ['29 February in a common year', withCheckDigit('20150229', '238'), 'date'],
    ['samordningsnummer with day 92', withCheckDigit('20150192', '238'), 'date'],
    ['wrong check digit', withWrongCheckDigit('20150312', '238'), 'checksum'],
    ['classic number with wrong digit', '19121212-1213', 'checksum'],
    ['born tomorrow', withCheckDigit('20270302', '111'), 'future'],
    ['born next year', withCheckDigit('20280101', '111'), 'future'],
  ];
  for (const [name, input, code] of cases) {
    test(name, () => {
      const result = checkPersonnummer(input, TODAY);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.code, code);
        assert.equal(result.message, PERSONNUMMER_MESSAGES[code]);
      }
    });
  }
  test('the future is judged by the Swedish date', () => {
    const bornNewYear = withCheckDigit('20270101', '111');
    assert.equal(checkPersonnummer(bornNewYear, new Date('2026-12-31T23:30:00Z')).ok, true);
    assert.equal(checkPersonnummer(bornNewYear, new Date('2026-12-31T22:30:00Z')).ok, false);
  });
  test('every message is Swedish and says what to check', () => {
    for (const message of Object.values(PERSONNUMMER_MESSAGES)) {
      assert.match(message, /[åäöÅÄÖ]/);
      assert.match(message, /Kontrollera|Skriv/);
    }
  });
});
