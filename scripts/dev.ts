// `npm run dev`: the whole local setup in one command. Migrates and seeds the embedded
// database (the playground's users become the demo's principal, handler, head and admin, and
// the playground's team channel becomes Elevhälsan's channel), starts the bot without
// authentication (local development only), and the Microsoft 365 Agents Playground, which
// chats with the bot like Teams does.
//
//   npm run dev                          as the principal (Alex Wilber), on port 56150
//   npm run dev -- --as handler          as Elevhälsan's handler (Megan Bowen)
//   npm run dev -- --as head --port 56151  as the head of Elevhälsan (Adele Vance), on 56151
//   npm run dev -- --as new --email anna.berg@nora.se --name "Anna Berg"
//                                        as a new user the database has never seen (an admin
//                                        registers the address in the tab first)
//
// PLAYGROUND_AS, PLAYGROUND_PORT, PLAYGROUND_EMAIL and PLAYGROUND_NAME do the same as the options.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openDatabase } from '../prisma/db';
import { DEMO_PEOPLE, seedDemo } from '../prisma/seed';
import { startBot } from '../tab/main';
import { seedDemoCases } from '../tab/demo-cases';
import { DEV_HOST_PATH } from '../tab/routes';
import { createRepositories } from '../prisma/repositories';
import { systemClock } from '../domain/clock';
import { DEMO_FILES, startDemoFiles } from './demo-files';
import { freePort, listeningPort, parseDevArgs, writePlaygroundConfig, type PlaygroundRole } from './playground';

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };
if (env.NODE_ENV === 'production') {
  console.error('npm run dev is for local development; use npm run start in production.');
  process.exit(1);
}
const options = parseDevArgs(process.argv.slice(2), process.env);
if ('error' in options) {
  console.error(options.error);
  process.exit(2);
}

// A busy port (another playground running, say) gives way to a free one, and the seed, the
// playground and the address printed below all use the one chosen here.
const playgroundPort = await freePort(options.port);
if (playgroundPort !== options.port) console.log(`Port ${options.port} is taken; the playground uses ${playgroundPort}.`);

const seedDb = await openDatabase();
try {
  const seeded = await seedDemo(seedDb.prisma, { playground: { port: playgroundPort } });
  console.log(`Demo data ready in ${seedDb.kind}: ${seeded.people.map((p) => `${p.displayName} (${p.role})`).join(', ')}`);
  await seedDemoCases(createRepositories(seedDb.prisma), systemClock); // the tab's demo cases, once
} finally {
  await seedDb.close();
}

const bot = await startBot(env);
const demoFiles = await startDemoFiles(Number(process.env.DEMO_FILES_PORT ?? 3979));
const port = bot.port;
const playgroundDir = writePlaygroundConfig(path.resolve('.data', 'playground'), options.newUser ?? (options.as as PlaygroundRole));
const me = options.newUser ?? DEMO_PEOPLE.find((p) => p.role === options.as)!;
const playground = spawn(
  process.execPath,
  [
    new URL('../node_modules/@microsoft/m365agentsplayground/cli.js', import.meta.url).pathname,
    '-e', `http://localhost:${port}/api/messages`,
    '-c', 'msteams',
    '-p', String(playgroundPort),
  ],
  { cwd: playgroundDir, stdio: ['ignore', 'pipe', 'inherit'], env: { ...env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' } },
);
let printed = false;
let output = '';
playground.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (printed) return;
  output += chunk.toString('utf8');
  const real = listeningPort(output);
  if (real === null) return;
  printed = true;
  console.log(`Playground on http://localhost:${real}, chatting as ${me.displayName} (${options.newUser ? `new user ${options.newUser.email}` : options.as}). Write "hjälp".`);
  console.log(`Elevhälsan's channel is General in the playground's team "Elevhälsan". Other roles: npm run dev -- --as handler|head|admin|drafter|principal`);
});
console.log(`Bot on http://localhost:${port}/api/messages. Starting the playground in ${path.relative(process.cwd(), playgroundDir)} …`);
console.log(`The tab as a demo person, in a local Teams host: http://localhost:${port}${DEV_HOST_PATH}`);
if (options.newUser) {
  const who = new URLSearchParams({ person: 'new', email: options.newUser.email, name: options.newUser.displayName });
  console.log(`The tab as the new user ${options.newUser.email}: http://localhost:${port}${DEV_HOST_PATH}?${who}`);
}
console.log(`Demo files for the attachments step (see README, "Files in the playground"): ${DEMO_FILES.map((f) => demoFiles.url(f)).join(' ')}`);

const stop = async () => {
  playground.kill('SIGTERM');
  await demoFiles.close();
  await bot.shutdown();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
playground.on('exit', (code) => {
  if (code !== null && code !== 0) console.error(`The playground stopped (exit code ${code}); the bot keeps running.`);
});
