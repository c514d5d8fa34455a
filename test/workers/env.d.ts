import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_JOURNAL_MIGRATIONS: D1Migration[];
      /** Base URLs of the real local servers started by test/global-setup.ts. */
      TEST_ORIGIN_URL: string;
      TEST_DOH_URL: string;
      TEST_STRIPE_URL: string;
      STRIPE_SECRET_KEY: string;
      STRIPE_WEBHOOK_SECRET: string;
      /** An allow-listed local port where nothing listens. */
      TEST_CLOSED_URL: string;
      /** The mail transport stand-in; its `/emails` takes mails, `/__mails` lists them. */
      TEST_MAIL_URL: string;
      /** The hoster stand-ins' test keys (vitest.config.ts). */
      ONEFICHIER_API_KEY: string;
      RAPIDGATOR_LOGIN: string;
      RAPIDGATOR_PASSWORD: string;
      NITROFLARE_USER: string;
      NITROFLARE_PREMIUM_KEY: string;
      DDOWNLOAD_API_KEY: string;
      KATFILE_API_KEY: string;
      /** The test-only pepper (vitest.config.ts). */
      PASSWORD_PEPPER: string;
    }
  }
}
