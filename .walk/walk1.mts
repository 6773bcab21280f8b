// Done-when walk, part 1: the demo admin in the real `npm run dev` (port 3988).
import { chromium } from 'playwright-core';
const BASE = 'http://localhost:3988';
const OUT = '/work/tmp-admin/walk';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
async function open(q: string, ready: string) {
  await page.goto(`${BASE}/dev/teams-host?${q}`);
  const frame = (await (await page.waitForSelector('iframe#tab')).contentFrame())!;
  await frame.getByRole('heading', { name: ready }).first().waitFor({ timeout: 60_000 });
  return frame;
}
const log = (...a: unknown[]) => console.log('•', ...a);

let f = await open('person=admin&view=units', 'Enheter');
log('units before:', (await f.getByRole('table', { name: 'Enheter' }).locator('tbody tr td:first-child').allInnerTexts()).join(' | '));
await f.getByRole('button', { name: 'Ny enhet' }).click();
await f.getByLabel('Enhetens namn').fill('Friskolan Lärkan');
await f.getByRole('radio', { name: 'Fristående' }).check();
await f.getByRole('textbox', { name: /^Huvudman( \*)?$/ }).fill('Lärkan AB');
await f.getByLabel('Huvudmannens organisationsnummer').fill('556016-0680');
await f.getByRole('checkbox', { name: 'Grundskola', exact: true }).check();
await f.getByRole('button', { name: 'Lägg till enheten' }).click();
log(await f.getByRole('status').first().innerText());
await page.screenshot({ path: `${OUT}/1-unit-added.png` });

f = await open('person=admin&view=people', 'Personer och roller');
await f.getByRole('button', { name: 'Registrera en person' }).click();
await f.getByLabel('E-postadress eller UPN').fill('karin.nyberg@nora.se');
await f.getByRole('textbox', { name: /^Namn( \*)?$/ }).fill('Karin Nyberg');
await f.getByLabel('Enhet för roll 1').selectOption({ label: 'Friskolan Lärkan' });
await f.getByRole('button', { name: 'Registrera', exact: true }).click();
log(await f.getByRole('status').first().innerText());
log('row:', await f.getByRole('row', { name: /Karin Nyberg/ }).innerText());
await page.screenshot({ path: `${OUT}/2-person-registered.png` });

// A decided case before the change.
const caseText = async () => {
  const c = await open('person=head', 'Ärenden om tilläggsbelopp');
  await c.getByLabel('Status').selectOption({ label: 'Beslutad' });
  await c.getByRole('button', { name: /-0001$/ }).click();
  await c.getByRole('heading', { name: 'Bedömningar' }).waitFor();
  const assess = await c.locator('section[aria-labelledby="assessments"]').innerText();
  const decision = await c.locator('[data-card="Beslutet"]').innerText();
  return { assess, decision: decision.split('\n').filter((l) => /kr/.test(l)).join(' / ') };
};
const before = await caseText();
log('case 0001 before:', JSON.stringify(before));

f = await open('person=admin&view=profile', 'Kommunens profil');
await f.getByLabel('Timkostnad').fill('400');
await f.getByRole('button', { name: 'Förhandsgranska en bedömning' }).click();
await f.locator('.sample').waitFor();
log('preview:', (await f.locator('.sample').innerText()).replace(/\n+/g, ' | '));
await f.locator('.sample').scrollIntoViewIfNeeded();
await page.screenshot({ path: `${OUT}/3-profile-preview.png` });
await f.getByRole('button', { name: 'Spara som ny version' }).click();
await f.getByText(/Profilen är sparad som version/).waitFor();
log(await f.getByText(/Profilen är sparad som version/).innerText());
log('versions:', (await f.getByRole('table', { name: 'Sparade versioner' }).innerText()).replace(/\n+/g, ' | '));

const after = await caseText();
log('case 0001 after:', JSON.stringify(after));
log('unchanged:', JSON.stringify(before) === JSON.stringify(after));
await page.screenshot({ path: `${OUT}/4-case-after.png` });
await browser.close();
