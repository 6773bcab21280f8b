/// <reference lib="dom" />
// The administrator's screens in headless Chromium, through the local Teams host page as a new
// user of `npm run dev` would open them: Enheter, Personer och roller, Import, Kommunens profil
// and Granskningslogg, the registerutdrag on the case page, and a person the admin registered by
// e-mail opening the tab for the first time. axe-core runs on every screen (with errors showing
// too), in light, dark and high contrast, and at mobile width. TAB_SCREENSHOTS=<folder> keeps a
// screenshot of each.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { hostedTab } from './hosted';

const host = hostedTab('test/tab/admin-pages.test.ts');

async function noOverflow(frame: Frame, what: string) {
  const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the phone`);
}

const GOOD_CSV = ['enhet;typ;huvudman;organisationsnummer;skolformer;rektor_epost;rektor_namn', 'Karlaskolan;kommunal;Nora kommun;212000-1884;Förskoleklass, Grundskola;anna.berg@nora.se;Anna Berg'].join('\n');
const BAD_CSV = ['enhet;typ;huvudman;organisationsnummer;skolformer;rektor_epost;rektor_namn', 'Björkskolan;privat;Björk AB;556016-0681;Gymnasium;inte-epost;', 'Ekskolan;kommunal;Nora kommun;212000-1884;Grundskola;eva@nora.se;Eva Ek'].join('\n');

host.describe('the administrator’s screens in a browser', () => {
  host.setUp();

  test('Enheter (light): the list, errors next to the fields, a new unit added', async () => {
    const frame = await host.open({ person: 'admin', view: 'units' }, 'Enheter');
    await frame.getByRole('table', { name: 'Enheter' }).getByText('Järnboåsskolan').waitFor();
    await host.check(frame, 'admin-units-default');
    await frame.getByRole('button', { name: 'Ny enhet' }).click();
    await frame.getByLabel('Huvudmannens organisationsnummer').fill('556016-0681');
    await frame.getByRole('button', { name: 'Lägg till enheten' }).click();
    await frame.getByRole('alert').getByText('Rätta de markerade fälten.').waitFor();
    const nameField = frame.locator('.fui-Field', { has: frame.getByLabel('Enhetens namn') });
    await nameField.getByText('Skriv enhetens namn.').waitFor();
    await frame.locator('.fui-Field', { has: frame.getByLabel('Huvudmannens organisationsnummer') }).getByText(/kontrollsiffra|organisationsnummer/i).first().waitFor();
    await host.check(frame, 'admin-units-errors', { fullPage: true });
    await frame.getByLabel('Enhetens namn').fill('Friskolan Lärkan');
    await frame.getByRole('radio', { name: 'Fristående' }).check();
    await frame.getByRole('textbox', { name: /^Huvudman( \*)?$/ }).fill('Lärkan AB');
    await frame.getByLabel('Huvudmannens organisationsnummer').fill('556016-0680');
    await frame.getByRole('checkbox', { name: 'Grundskola', exact: true }).check();
    await frame.getByRole('button', { name: 'Lägg till enheten' }).click();
    await frame.getByText('Friskolan Lärkan är tillagd. Registrera rektorn under Personer och roller.').waitFor();
    await frame.getByRole('table', { name: 'Enheter' }).getByText('Friskolan Lärkan').waitFor();
  });

  test('Personer och roller (dark): a principal registered by e-mail, not yet recognised', async () => {
    const frame = await host.open({ person: 'admin', theme: 'dark', view: 'people' }, 'Personer och roller');
    await frame.getByRole('table', { name: 'Personer' }).getByText('Isaiah Langer').waitFor();
    await host.check(frame, 'admin-people-dark');
    await frame.getByRole('button', { name: 'Registrera en person' }).click();
    await frame.getByLabel('E-postadress eller UPN').fill('karin.nyberg@nora');
    await frame.getByRole('button', { name: 'Registrera', exact: true }).click();
    await frame.getByText('Det ser inte ut som en e-postadress (namn@exempel.se).').first().waitFor();
    await frame.getByText('En rektor behöver en enhet.').first().waitFor();
    await host.check(frame, 'admin-people-errors-dark', { fullPage: true });
    await frame.getByLabel('E-postadress eller UPN').fill('karin.nyberg@nora.se');
    await frame.getByRole('textbox', { name: /^Namn( \*)?$/ }).fill('Karin Nyberg');
    await frame.getByLabel('Enhet för roll 1').selectOption({ label: 'Friskolan Lärkan' });
    await frame.getByRole('button', { name: 'Registrera', exact: true }).click();
    await frame.getByText(/Karin Nyberg är registrerad \(karin\.nyberg@nora\.se\)/).waitFor();
    const row = frame.getByRole('row', { name: /Karin Nyberg/ });
    await row.getByText('Rektor (Friskolan Lärkan)').waitFor();
    await row.getByText('Inte ännu').waitFor();
  });

  test('the new principal opens the tab for the first time: recognised by e-mail, sees their own view', async () => {
    const frame = await host.open({ person: 'new', email: 'karin.nyberg@nora.se', name: 'Karin Nyberg' }, 'Mina ärenden');
    await frame.getByText('Karin Nyberg, Rektor · Nora kommun').waitFor();
    await frame.getByText('Du har inga inskickade ansökningar ännu.').waitFor();
    await host.check(frame, 'new-principal-first-contact');
    const people = await host.open({ person: 'admin', view: 'people' }, 'Personer och roller');
    await people.getByRole('row', { name: /Karin Nyberg/ }).getByText('Känd').waitFor();
    const stranger = await host.open({ person: 'new', email: 'okand@nora.se' }, 'Ärenden om tilläggsbelopp');
    await stranger.getByText('Du finns inte registrerad i Tilläggsbot.', { exact: false }).waitFor();
  });

  test('Import (high contrast): a bad file shows every row’s errors and cannot be imported; a good one is', async () => {
    const frame = await host.open({ person: 'admin', theme: 'contrast', view: 'import' }, 'Importera enheter och rektorer');
    await host.check(frame, 'admin-import-contrast');
    await frame.locator('input[type=file]').setInputFiles({ name: 'enheter.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV, 'utf8') });
    await frame.getByText('Filen har fel.', { exact: false }).waitFor();
    const preview = frame.getByRole('table', { name: 'Förhandsgranskning av importen' });
    await preview.getByText('Skriv kommunal eller fristående.').waitFor();
    await preview.getByText(/Okänd skolform: gymnasium/).waitFor();
    assert.equal(await frame.getByRole('button', { name: 'Importera' }).isDisabled(), true);
    await host.check(frame, 'admin-import-errors-contrast', { fullPage: true });
    // Windows-1252, as older Swedish Excel saves it.
    await frame.locator('input[type=file]').setInputFiles({ name: 'enheter.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV, 'latin1') });
    await frame.getByText(/Alla rader är rätt: 1 nya enheter, 1 nya personer/).waitFor();
    await frame.getByRole('button', { name: 'Importera' }).click();
    await frame.getByText(/Importen är klar: 1 nya enheter/).waitFor();
    const units = await host.open({ person: 'admin', view: 'units' }, 'Enheter');
    await units.getByRole('table', { name: 'Enheter' }).getByText('Karlaskolan').waitFor();
  });

  test('Kommunens profil: an error next to its field, the sample preview, a saved version', async () => {
    const frame = await host.open({ person: 'admin', view: 'profile' }, 'Kommunens profil');
    const rate = frame.getByLabel('Timkostnad');
    assert.equal(await rate.inputValue(), '310');
    await host.check(frame, 'admin-profile-default', { fullPage: true });
    await rate.fill('tre hundra');
    await frame.getByRole('button', { name: 'Spara som ny version' }).click();
    await frame.locator('.fui-Field', { has: rate }).getByText('Skriv ett tal.').waitFor();
    await frame.getByRole('alert').getByText('Timkostnad: Skriv ett tal.').waitFor();
    await host.check(frame, 'admin-profile-errors');
    await rate.fill('400');
    await frame.getByRole('button', { name: 'Förhandsgranska en bedömning' }).click();
    await frame.getByRole('heading', { name: 'Exempel: samma bedömning med nuvarande och ändrad profil' }).waitFor();
    const sample = frame.locator('.sample');
    assert.match(await sample.innerText(), /\+[\d  ]+ kr i månaden/);
    await host.check(frame, 'admin-profile-preview');
    await frame.getByRole('button', { name: 'Spara som ny version' }).click();
    await frame.getByText(/Profilen är sparad som version 2\./).waitFor();
    const versions = frame.getByRole('table', { name: 'Sparade versioner' });
    await versions.getByRole('row', { name: /Isaiah Langer/ }).waitFor();
    assert.equal(await versions.getByRole('row').count(), 3);
    assert.equal(await frame.getByLabel('Timkostnad').inputValue(), '400');
    await frame.getByRole('button', { name: 'Visa version 1' }).click();
    await frame.getByText('Du ser version 1. Sparar du blir den en ny version.').waitFor();
    assert.equal(await frame.getByLabel('Timkostnad').inputValue(), '310');
  });

  test('Granskningslogg (dark): filtered by person and case number', async () => {
    const frame = await host.open({ person: 'admin', theme: 'dark', view: 'audit' }, 'Granskningslogg');
    const log = frame.getByRole('table', { name: 'Granskningslogg' });
    await log.getByText('Kommunens profil ändrades').first().waitFor();
    await host.check(frame, 'admin-audit-dark');
    await frame.getByLabel('Person').selectOption({ label: 'Karin Nyberg' });
    await frame.getByRole('button', { name: 'Sök' }).click();
    await log.getByText(/Personen kändes igen.*när personen öppnade fliken/).waitFor();
    await frame.getByLabel('Person').selectOption({ label: 'Alla' });
    await frame.getByLabel('Ärendenummer').fill('TB-1999-0001');
    await frame.getByRole('button', { name: 'Sök' }).click();
    await frame.getByText('Ärendet finns inte eller hör till en annan kommun.').first().waitFor();
    await host.check(frame, 'admin-audit-error-dark');
    const number = (await host.tab.db.prisma.case.findFirstOrThrow({ where: { decisions: { some: {} } }, orderBy: { caseNumber: 'asc' } })).caseNumber;
    await frame.getByLabel('Ärendenummer').fill(number);
    await frame.getByRole('button', { name: 'Sök' }).click();
    await log.getByText('Beslut fattades').first().waitFor();
    for (const subject of await log.locator('tbody tr td:nth-child(4)').allInnerTexts()) assert.equal(subject, `Ärende ${number}`);
  });

  test('the registerutdrag on the case page (head of Elevhälsan): PDF and ZIP', async () => {
    const frame = await host.open({ person: 'head' }, 'Ärenden om tilläggsbelopp');
    await frame.getByLabel('Status').selectOption({ label: 'Beslutad' });
    await frame.getByRole('button', { name: /^TB-\d{4}-0001$/ }).click();
    await frame.getByRole('heading', { name: 'Registerutdrag' }).waitFor();
    await host.check(frame, 'case-registerutdrag-head');
    const [pdf] = await Promise.all([host.page.waitForEvent('download'), frame.getByRole('button', { name: 'Ladda ner registerutdrag (PDF)' }).click()]);
    assert.match(pdf.suggestedFilename(), /^registerutdrag-TB-\d{4}-0001\.pdf$/);
    const [zip] = await Promise.all([host.page.waitForEvent('download'), frame.getByRole('button', { name: 'Ladda ner registerutdrag med data (ZIP)' }).click()]);
    assert.match(zip.suggestedFilename(), /^registerutdrag-TB-\d{4}-0001\.zip$/);
    const handler = await host.open({ person: 'handler' }, 'Ärenden om tilläggsbelopp');
    await handler.getByLabel('Status').selectOption({ label: 'Beslutad' });
    await handler.getByRole('button', { name: /^TB-\d{4}-0001$/ }).click();
    await handler.getByRole('heading', { name: 'Versioner' }).waitFor();
    assert.equal(await handler.getByRole('heading', { name: 'Registerutdrag' }).count(), 0);
  });

  const READY = { units: 'Enheter', people: 'Personer', import: 'Förhandsgranskning', profile: 'Sparade versioner', audit: 'Granskningslogg' } as const;
  for (const view of ['units', 'people', 'import', 'profile', 'audit'] as const) {
    test(`${view} at mobile width: nothing runs off the side`, async () => {
      const frame = await host.open({ person: 'admin', width: 'mobile', view }, /Enheter|Personer och roller|Importera enheter och rektorer|Kommunens profil|Granskningslogg/);
      if (view === 'import') await frame.locator('input[type=file]').setInputFiles({ name: 'enheter.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV, 'utf8') });
      await frame.getByRole('table', { name: new RegExp(`^${READY[view]}`) }).first().waitFor();
      await noOverflow(frame, view);
      await host.check(frame, `admin-${view}-mobile`);
    });
  }
});
