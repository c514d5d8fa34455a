/// <reference types="vite/client" />
/**
 * Policy in one place: every text that states a limit or a period builds it from config.ts or the
 * retention policy, so changing a constant changes every page, mail and API text that states it.
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  API_CALLS_PER_MINUTE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RESET_PASSWORD_TOKEN_LIFETIME_MS,
  VERIFY_CODE_LENGTH,
  VERIFY_CODE_MAX_ATTEMPTS,
  VERIFY_EMAIL_TOKEN_LIFETIME_MS,
} from "../../../src/config";
import { describeDuration } from "../../../src/lib/duration";
import { HOUR_MS, MINUTE_MS } from "../../../src/lib/time";
import { verificationMail } from "../../../src/mail/templates";
import { describePeriod, findRetentionCategory } from "../../../src/retention/policy";
import { AUTH_MESSAGES } from "../../../src/views/auth-pages";
import { SITE } from "../../helpers/api";

/** The source of every module that holds page, mail or API text. */
const SOURCES = import.meta.glob(["../../../src/views/*.tsx", "../../../src/mail/*.ts", "../../../src/http/**/*.{ts,tsx}", "../../../src/retention/policy.ts", "../../../src/errors.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

/** A number written in prose next to a unit: what a text must build from a constant instead. */
const NUMBER_IN_PROSE = /["'`][^"'`\n]*?(?<![\w$}])\d+(?:[ -](?:caractères|characters?|heures?|hours?|minutes?|jours?|days?|ans?|years?|essais|tries|liens|links|lettres|letters?|Kio|KiB|Mio|MiB|Gio|GiB)\b|\s*(?:par|a) minute)/i;

describe("texts built from the policy", () => {
  it("hard-code no number next to a unit in any page, mail, API or policy text", () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(20);
    const offenders = Object.entries(SOURCES).flatMap(([file, source]) =>
      source
        .split("\n")
        .map((line, i) => ({ line: line.trim(), at: `${file}:${i + 1}` }))
        .filter(({ line }) => !line.startsWith("//") && !line.startsWith("*") && !line.startsWith("/*") && NUMBER_IN_PROSE.test(line)),
    );
    expect(offenders).toEqual([]);
  });

  it("follow a changed constant", () => {
    const en = AUTH_MESSAGES.en;
    expect(en.password_too_short(14)).toContain("at least 14 characters");
    expect(en.password_too_long(300)).toContain("at most 300 characters");
    expect(en.badCode(7)).toContain("After 7 tries");
    expect(en.checkMail(2 * HOUR_MS)).toContain("valid 2 hours");
    expect(AUTH_MESSAGES.fr.forgotSent(30 * MINUTE_MS)).toContain("valable 30 minutes");
    expect(describePeriod(90 * 86_400_000, "fr")).toBe("90 jours");
  });

  it("state the configured values on pages, in mails and on the privacy page", async () => {
    const register = await (await exports.default.fetch(`${SITE}/register`, { headers: { "accept-language": "en" } })).text();
    expect(register).toContain(`At least ${PASSWORD_MIN_LENGTH} characters, at most ${PASSWORD_MAX_LENGTH}`);
    expect(register).toContain(`minlength="${PASSWORD_MIN_LENGTH}"`);
    const forgot = await (await exports.default.fetch(`${SITE}/forgot-password`, { headers: { "accept-language": "en" } })).text();
    expect(forgot).toContain(`valid ${describeDuration(RESET_PASSWORD_TOKEN_LIFETIME_MS, "en")}`);
    const verify = await (await exports.default.fetch(`${SITE}/verify`, { headers: { "accept-language": "en" } })).text();
    expect(verify).toContain(`the ${VERIFY_CODE_LENGTH}-letter code`);
    expect(verificationMail("en", "a@example.test", "https://x", "ABCDEFGH").text).toContain(`valid ${describeDuration(VERIFY_EMAIL_TOKEN_LIFETIME_MS, "en")}`);
    expect(AUTH_MESSAGES.en.badCode()).toContain(`After ${VERIFY_CODE_MAX_ATTEMPTS} tries`);
    const privacy = await (await exports.default.fetch(`${SITE}/en/privacy`)).text();
    expect(privacy).toContain(`${API_CALLS_PER_MINUTE} a minute`);
    expect(privacy).toContain(describePeriod(findRetentionCategory("request_journal").periodMs, "en"));
  });
});
