import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` after changing db/schema: writes the next numbered migration into
// db/migrations. Commit it; migrations are applied at start-up by db/migrate.ts.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
