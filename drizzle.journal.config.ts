import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/journal-schema.ts",
  out: "./migrations/journal",
});
