/** The outbox in production: every mail goes to the transport's API and nowhere else, and a failure never reaches the user. */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mainDb } from "../../../src/db/client";
import { createOutbox } from "../../../src/mail/outbox";
import { countRows } from "../../helpers/storage";

type Received = { authorization: string | null; body: { from?: string; to?: string[]; subject?: string; text?: string } };

async function receivedBy(to: string): Promise<Received[]> {
  const all = (await (await fetch(`${env.TEST_MAIL_URL}/__mails`)).json()) as Received[];
  return all.filter((mail) => mail.body.to?.[0] === to);
}

const production = { ...env, ENVIRONMENT: "production", MAIL_API_URL: `${env.TEST_MAIL_URL}/emails`, RESEND_API_KEY: "re_test_key", MAIL_FROM: "Relais <no-reply@relais.test>" };

afterEach(() => vi.restoreAllMocks());

describe("the outbox in production", () => {
  it("sends through the transport's API with the key and sender, and keeps nothing locally", async () => {
    const before = await countRows("dev_mailbox");
    await createOutbox(production, mainDb(env.DB)).send({ to: "ada@example.test", subject: "Hello", text: "Body text" });
    expect(await receivedBy("ada@example.test")).toEqual([
      { authorization: "Bearer re_test_key", body: { from: "Relais <no-reply@relais.test>", to: ["ada@example.test"], subject: "Hello", text: "Body text" } },
    ]);
    expect(await countRows("dev_mailbox")).toBe(before);
  });

  it("logs a transport failure with the subject only, and does not throw", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void errors.push(String(line)));
    await createOutbox(production, mainDb(env.DB)).send({ to: "fail-once@example.test", subject: "Reset your password", text: "secret-link-token" });
    expect(await receivedBy("fail-once@example.test")).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("mail_failed");
    expect(errors[0]).toContain("answered 500");
    expect(errors[0]).not.toContain("fail-once@example.test");
    expect(errors[0]).not.toContain("secret-link-token");
  });

  it("sends nothing without its secrets, and says so in the log", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void errors.push(String(line)));
    await createOutbox({ ...production, RESEND_API_KEY: undefined }, mainDb(env.DB)).send({ to: "nokey@example.test", subject: "Hi", text: "x" });
    expect(await receivedBy("nokey@example.test")).toHaveLength(0);
    expect(errors.join("\n")).toContain("RESEND_API_KEY and MAIL_FROM secrets are not set");
  });
});
