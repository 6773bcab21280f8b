// `npm run db:seed`: migrates, then upserts the demo municipality, units and people.
import { openDatabase } from './db';
import { seedDemo } from './seed';

const db = await openDatabase();
try {
  const result = await seedDemo(db.prisma);
  console.log(`Seeded ${result.municipalityId} (tenant ${result.tenantId}) on ${db.kind}:`);
  for (const p of result.people) console.log(`  ${p.role.padEnd(9)} ${p.displayName}  aadObjectId ${p.aadObjectId}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
