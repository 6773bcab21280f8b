// `npm run dev`: the whole local setup in one command. Migrates and seeds the embedded
// database (the playground's default user becomes principal of both demo units), starts the
// bot without authentication (local development only), and the Microsoft 365 Agents
// Playground on http://localhost:56150, which chats with the bot like Teams does.
import { spawn } from 'node:child_process';
import { openDatabase } from '../prisma/db';
import { seedDemo } from '../prisma/seed';
import { startBot } from '../tab/main';
import { seedDemoCases } from '../tab/demo-cases';
import { DEV_HOST_PATH } from '../tab/routes';
import { createRepositories } from '../prisma/repositories';
import { systemClock } from '../domain/clock';
import { DEMO_FILES, startDemoFiles } from './demo-files';

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };
if (env.NODE_ENV === 'production') {
  console.error('npm run dev is for local development; use npm run start in production.');
  process.exit(1);
}

const seedDb = await openDatabase();
try {
  const seeded = await seedDemo(seedDb.prisma);
  console.log(`Demo data ready in ${seedDb.kind}: ${seeded.people.map((p) => `${p.displayName} (${p.role})`).join(', ')}`);
  await seedDemoCases(createRepositories(seedDb.prisma), systemClock); // the tab's demo cases, once
} finally {
  await seedDb.close();
}

const bot = await startBot(env);
const demoFiles = await startDemoFiles(Number(process.env.DEMO_FILES_PORT ?? 3979));
const port = bot.port;
const playground = spawn(
  process.execPath,
  [new URL('../node_modules/@microsoft/m365agentsplayground/cli.js', import.meta.url).pathname, '-e', `http://localhost:${port}/api/messages`, '-c', 'msteams'],
  { stdio: 'inherit', env: { ...env, TEAMSAPPTESTER_BROWSER: 'none' } },
);
console.log(`Bot on http://localhost:${port}/api/messages. Open http://localhost:56150 and write "hjälp".`);
console.log(`The tab as a demo person, in a local Teams host: http://localhost:${port}${DEV_HOST_PATH}`);
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
