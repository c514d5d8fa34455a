import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_JOURNAL_MIGRATIONS: D1Migration[];
      /** Base URLs of the real local servers started by test/global-setup.ts. */
      TEST_ORIGIN_URL: string;
      TEST_DOH_URL: string;
      TEST_ONEFICHIER_URL: string;
      /** An allow-listed local port where nothing listens. */
      TEST_CLOSED_URL: string;
      ONEFICHIER_API_KEY: string;
      /** The test-only pepper (vitest.config.ts). */
      PASSWORD_PEPPER: string;
    }
  }
}
