import { applyD1Migrations, reset } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { forgetCachedLinkKeys } from "../../src/downloads/link-crypto";

// Workers are reused across test files (isolate: false in vitest.config.ts): each file starts from
// empty storage, and forgets the link keys an earlier file cached (their KV entries are gone).
await reset();
forgetCachedLinkKeys();
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.JOURNAL, env.TEST_JOURNAL_MIGRATIONS);
