import { defineConfig } from 'prisma/config';

// The datasource URL is only needed by Prisma's migrate commands, which this project does not
// use (migrations are applied by prisma/migrate.ts); generate works without it.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
