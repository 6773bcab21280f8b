// `npm run municipality:add -- --tenant <tenant id> --profile <profile.json> --admin-email <e-mail>
//   [--admin-name <name>] [--name <municipality name>]`
// Adds a municipality to the database the bot uses (DATABASE_URL, else the local PGlite
// folder): its profile (checked with the same schema as the tab), and its first administrator,
// registered by e-mail and bound when they first write to the bot.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { addMunicipality } from '../app/admin/add-municipality';
import { systemClock } from '../domain/clock';
import { openDatabase } from '../prisma/db';
import { createRepositories } from '../prisma/repositories';

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    profile: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string' },
    name: { type: 'string' },
  },
});

if (!values.tenant || !values.profile || !values['admin-email']) {
  console.error('Användning: npm run municipality:add -- --tenant <tenant-id> --profile <profil.json> --admin-email <e-post> [--admin-name <namn>] [--name <kommunens namn>]');
  process.exit(2);
}

let profile: unknown;
try {
  profile = JSON.parse(await readFile(values.profile, 'utf8'));
} catch (error) {
  console.error(`Profilen ${values.profile} går inte att läsa som JSON: ${(error as Error).message}`);
  process.exit(2);
}

const db = await openDatabase();
try {
  const result = await addMunicipality(
    { repos: createRepositories(db.prisma), clock: systemClock },
    { tenantId: values.tenant, adminEmail: values['admin-email'], adminName: values['admin-name'] ?? values['admin-email'], ...(values.name ? { name: values.name } : {}) },
    profile,
  );
  if (result.ok) {
    const v = result.value;
    console.log(`${v.name} (${v.municipalityId}) är upplagd för tenant ${v.tenantId} på ${db.kind}, profil version ${v.profileVersion}.`);
    console.log(`Administratören ${values['admin-email']} känns igen när hen skriver till boten första gången.`);
  } else {
    console.error(result.message);
    for (const e of 'errors' in result ? (result.errors ?? []) : []) console.error(`  ${e.field}: ${e.message}`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
