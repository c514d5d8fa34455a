import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vitest/config";
import { GOFILE, NITROFLARE, ONEFICHIER, RAPIDGATOR, XFILESHARING } from "./test/servers/hoster-fixtures.ts";

/** The stripe package ships source maps whose sources it leaves out: load it without them (Vite warns once per file otherwise). */
const stripeWithoutSourceMaps: Plugin = {
  name: "stripe-without-source-maps",
  load(id) {
    if (!/\/node_modules\/stripe\/esm\/.*\.js$/.test(id)) return null;
    return readFileSync(id, "utf8").replace(/\/\/# sourceMappingURL=\S+\s*$/, "");
  },
};

// Tests run inside workerd with real D1 and KV, both databases migrated from migrations/, and
// fetch from real local servers (origin, DNS-over-HTTPS, one stand-in per hoster, mail API, Stripe) started by the global setup.
export default defineConfig(async () => ({
  plugins: [
    stripeWithoutSourceMaps,
    cloudflareTest(async ({ inject }) => {
      const originUrl = inject("originUrl");
      const hosterVars = inject("hosterVars");
      const closedUrl = inject("closedUrl");
      const stripeUrl = inject("stripeUrl");
      return {
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: await readD1Migrations("./migrations/main"),
            TEST_JOURNAL_MIGRATIONS: await readD1Migrations("./migrations/journal"),
            TEST_ORIGIN_URL: originUrl,
            TEST_DOH_URL: inject("dohUrl"),
            TEST_CLOSED_URL: closedUrl,
            TEST_MAIL_URL: inject("mailUrl"),
            FETCH_ALLOWLIST: [originUrl, closedUrl, ...Object.values(hosterVars)].map((url) => new URL(url).host).join(","),
            DOH_URL: `${inject("dohUrl")}/dns-query`,
            ...hosterVars,
            GOFILE_WEBSITE_TOKEN: GOFILE.websiteToken,
            // The stand-ins' test keys (test/servers/hoster-fixtures.ts); production's are Worker secrets.
            ONEFICHIER_API_KEY: ONEFICHIER.key,
            RAPIDGATOR_LOGIN: RAPIDGATOR.login,
            RAPIDGATOR_PASSWORD: RAPIDGATOR.password,
            NITROFLARE_USER: NITROFLARE.user,
            NITROFLARE_PREMIUM_KEY: NITROFLARE.premiumKey,
            DDOWNLOAD_API_KEY: XFILESHARING.keys.ddownload,
            KATFILE_API_KEY: XFILESHARING.keys.katfile,
            // The Stripe SDK talks to the local stand-in; same key as STRIPE_TEST_SECRET_KEY in test/servers/stripe-server.ts.
            TEST_STRIPE_URL: stripeUrl,
            STRIPE_API_BASE: stripeUrl,
            STRIPE_SECRET_KEY: "sk_test_relais_standin",
            // Tests sign webhooks with it (test/helpers/payments.ts); the development fallback is tested on its own.
            STRIPE_WEBHOOK_SECRET: "whsec_test_relais_vitest",
            // Tests run as `npm run dev` does: local mailbox on. Production is wrangler.toml's default.
            ENVIRONMENT: "development",
            // A test-only pepper; production's is a Worker secret (see .dev.vars.example).
            PASSWORD_PEPPER: "test-pepper-not-a-secret",
          },
          // Lets tests call the Worker's scheduled() handler through exports.default.
          compatibilityFlags: ["service_binding_extra_handlers"],
        },
      };
    }),
  ],
  test: {
    include: ["test/workers/**/*.test.ts", "test/workers/**/*.test.tsx"],
    // Crawls and throttle tests send hundreds of requests; CI machines are shared.
    testTimeout: 30_000,
    // Workers are reused across files (each file still starts from empty storage: test/workers/apply-migrations.ts):
    // loading the app once per worker instead of once per file more than halves the suite's time.
    isolate: false,
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/workers/apply-migrations.ts"],
  },
}));
