/**
 * The outbox: every mail Relais sends goes through here. In production it goes to the mail
 * transport (Resend's HTTP API, configured by secrets) and nowhere else; in development it lands in
 * the local mailbox shown at /dev/mailbox.
 */
import type { MainDb } from "../db/client";
import { devMailbox } from "../db/schema";

export type Mail = { to: string; subject: string; text: string };
export type MailEnv = { ENVIRONMENT?: string; MAIL_API_URL: string; RESEND_API_KEY?: string; MAIL_FROM?: string };
export type Outbox = { send(mail: Mail): Promise<void> };

export function isDevelopment(env: { ENVIRONMENT?: string }): boolean {
  return env.ENVIRONMENT === "development";
}

/**
 * The outbox of one request. Sending never throws at the user: a failure is logged with the
 * subject only (never the address or body).
 */
export function createOutbox(env: MailEnv, db: MainDb): Outbox {
  return {
    async send(mail) {
      try {
        if (isDevelopment(env)) {
          await db.insert(devMailbox).values({ recipient: mail.to, subject: mail.subject, body: mail.text, createdAt: Date.now() });
          return;
        }
        if (!env.RESEND_API_KEY || !env.MAIL_FROM) throw new Error("RESEND_API_KEY and MAIL_FROM secrets are not set");
        const response = await fetch(env.MAIL_API_URL, {
          method: "POST",
          headers: { authorization: `Bearer ${env.RESEND_API_KEY}`, "content-type": "application/json" },
          body: JSON.stringify({ from: env.MAIL_FROM, to: [mail.to], subject: mail.subject, text: mail.text }),
        });
        if (!response.ok) throw new Error(`mail transport answered ${response.status}`);
      } catch (error) {
        console.error(JSON.stringify({ event: "mail_failed", subject: mail.subject, error: error instanceof Error ? error.message : "unknown" }));
      }
    },
  };
}
