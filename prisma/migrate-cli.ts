// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the PGlite folder
// (PGLITE_DATA_DIR, default .data/pglite) when it is unset.
import { openDatabase } from './db';
import { migrate } from './migrate';

const db = await openDatabase({ migrate: false });
try {
  const result = await migrate(db.pool);
  const where = db.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  for (const name of result.applied) console.log(`applied ${name}`);
  console.log(`${where}: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
