// `npm run bench` (second part) / `npm run bench:followup`: the follow-up dialog over HTTP. Granted
// cases are stored directly (the application path is measured by bench/run.ts); then
// BENCH_FOLLOWUP_CONCURRENCY clients at once each open a follow-up with "Lämna uppföljning",
// answer its five cards and file it, against the real handlers on a real database (PGlite in a
// temporary folder), with the development clock set inside the term. Every card is checked, so a
// run that "goes fast" by failing is caught; every follow-up must be stored once.
//
//   BENCH_FOLLOWUPS=60             follow-ups filed in the run
//   BENCH_FOLLOWUP_CONCURRENCY=8   clients at once
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDevClock } from '../bot/dev-clock';
import { createHandlers } from '../bot/handlers';
import { createLogger } from '../bot/log';
import { computeAssessment } from '../domain/assessment';
import { noraProfile } from '../domain/profile';
import { ZApplication } from '../domain/schemas';
import { openDatabase } from '../prisma/db';
import { createRepositories } from '../prisma/repositories';
import { DEMO_IDS, DEMO_PEOPLE, PLAYGROUND_TENANT_ID, seedDemo } from '../prisma/seed';
import { validApplication } from '../test/domain/fixtures';
import { startHarness } from '../test/e2e/harness';
import { action, cardOf, cardText, heading, inputIds, type Card } from '../test/e2e/dialog-helpers';
import { percentile } from './echo';

const intEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
const COUNT = intEnv('BENCH_FOLLOWUPS', 60);
const CONCURRENCY = intEnv('BENCH_FOLLOWUP_CONCURRENCY', 8);

const principal = DEMO_PEOPLE.find((p) => p.role === 'principal')!;
const as = {
  from: { id: '29:principal', aadObjectId: principal.aadObjectId, name: principal.displayName, tenantId: PLAYGROUND_TENANT_ID },
  conversation: { id: 'a:personal-principal', conversationType: 'personal' as const, tenantId: PLAYGROUND_TENANT_ID },
};

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tillaggsbot-bench-followup-'));
  const db = await openDatabase({ dataDir: dir });
  const repos = createRepositories(db.prisma);
  try {
    await seedDemo(db.prisma, { tenantId: PLAYGROUND_TENANT_ID });
    const person = (await repos.people.findByAad(PLAYGROUND_TENANT_ID, principal.aadObjectId))!;
    const head = DEMO_PEOPLE.find((p) => p.role === 'head')!;
    const headId = (await repos.people.findByAad(PLAYGROUND_TENANT_ID, head.aadObjectId))!.id;
    const caseIds: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const draft = await repos.snapshots.create({ machine: 'application', personId: person.id, snapshot: {} });
      const app = ZApplication.parse({ ...validApplication(), unit: { id: DEMO_IDS.units.jarnboas }, signature: { confirmed: true } });
      const a = computeAssessment(app.assessment, noraProfile, app.placement.attendanceHoursPerWeek);
      const { case: kase } = await repos.cases.submitApplication({
        sourceDraftId: draft.id,
        municipalityId: DEMO_IDS.municipality,
        unitId: DEMO_IDS.units.jarnboas,
        principalId: person.id,
        term: 'HT2027',
        schoolForm: app.pupil.schoolForm,
        late: false,
        pupilRef: `Elev ${i + 1}`,
        application: app,
        assessment: { ratings: app.assessment, hoursCurrent: a.hoursCurrent, hoursDesired: a.hoursDesired, amountPerMonth: a.amountPerMonth },
        now: new Date('2027-03-01T10:00:00Z'),
      });
      await repos.decisions.record({ caseId: kase.id, outcome: 'approved', amountPerMonth: 21000, from: '2027-08-16', to: '2027-12-22', text: 'Beviljas.', decidedById: headId });
      caseIds.push(kase.id);
    }
    const clock = createDevClock(new Date('2027-09-20T09:00:00+02:00'));
    const logger = createLogger({ level: 'error', write: () => {} });
    const harness = await startHarness({ handlers: createHandlers({ repos, logger, clock }), user: as.from, conversation: as.conversation });
    const samples: number[] = [];
    const timed = async (data: Record<string, unknown>, verb: string): Promise<Card> => {
      const t0 = performance.now();
      const card = cardOf(await harness.sendCardAction(data, { ...as, verb }));
      samples.push(performance.now() - t0);
      return card;
    };
    const press = (card: Card, verb: string, inputs: Record<string, unknown> = {}) => timed({ ...action(card, verb).data, ...inputs }, verb);
    const one = async (caseId: string) => {
      let card = await timed({ caseId, term: 'HT2027' }, 'followup.start');
      if (!/steg 1 av 5/.test(heading(card))) throw new Error(`start: ${cardText(card).slice(0, 200)}`);
      const measures = Object.fromEntries(
        inputIds(card).flatMap((id) => {
          const answer = id.split('.')[3];
          return answer === 'carriedOut' ? [[id, 'as_planned']] : answer === 'hoursPerWeek' ? [[id, '8']] : answer === 'effect' ? [[id, 'Lugnare raster och fler avslutade uppgifter.']] : [];
        }),
      );
      card = await press(card, 'followup.step.next', measures);
      card = await press(card, 'followup.step.next', Object.fromEntries(inputIds(card).filter((id) => id.startsWith('assessment.')).map((id) => [id, id.includes('social') && id.endsWith('current') ? '3' : '1'])));
      card = await press(card, 'followup.step.next', { 'followUp.continuedNeed': 'yes', 'followUp.comment': 'Behovet finns kvar i stora grupper.' });
      card = await press(card, 'followup.step.next');
      if (!/steg 5 av 5/.test(heading(card))) throw new Error(`summary: ${cardText(card).slice(0, 200)}`);
      card = await press(card, 'followup.submit', { 'signature.confirmed': 'true' });
      if (!/inlämnad/.test(heading(card))) throw new Error(`file: ${cardText(card).slice(0, 300)}`);
    };
    const queue = [...caseIds];
    const t0 = performance.now();
    let failed = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          await one(id).catch((e) => {
            failed++;
            console.error(String(e));
          });
        }
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    const stored = (await Promise.all(caseIds.map((id) => repos.followUps.forCase(id)))).filter((f) => f.length === 1).length;
    await harness.close();
    const sorted = samples.sort((a, b) => a - b);
    console.log(
      [
        `follow-up dialog (PGlite, ${CONCURRENCY} clients at once): ${stored}/${COUNT} follow-ups filed and stored once, ${failed} failed`,
        `  ${wall.toFixed(1)} s wall, ${(stored / wall).toFixed(1)} follow-ups/s, ${(samples.length / wall).toFixed(0)} turns/s (${samples.length} turns)`,
        `  turn latency ms: p50 ${percentile(sorted, 50).toFixed(0)}, p95 ${percentile(sorted, 95).toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)}`,
      ].join('\n'),
    );
    if (failed > 0 || stored !== COUNT) process.exitCode = 1;
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
