/**
 * The outbox: every mail Relais sends goes through here. In production it goes to the mail
 * transport (Resend's HTTP API, configured by secrets) and nowhere else; in development it lands in
 * the local mailbox shown at /dev/mailbox.
 */
import { mainDb } from "../db/client";
import { devMailbox } from "../db/schema";

export type Mail = { to: string; subject: string; text: string };
export type MailEnv = { DB: D1Database; ENVIRONMENT?: string; RESEND_API_KEY?: string; MAIL_FROM?: string };

export function isDevelopment(env: { ENVIRONMENT?: string }): boolean {
  return env.ENVIRONMENT === "development";
}

const RESEND_ENDPOINT = "https://api.resend.com/emails";

/** Sends one mail. Failures are logged without the address or body, and never thrown at the user. */
export async function sendMail(env: MailEnv, mail: Mail, now: Date = new Date()): Promise<void> {
  try {
    if (isDevelopment(env)) {
      await mainDb(env.DB).insert(devMailbox).values({ recipient: mail.to, subject: mail.subject, body: mail.text, createdAt: now.getTime() });
      return;
    }
    if (!env.RESEND_API_KEY || !env.MAIL_FROM) throw new Error("RESEND_API_KEY and MAIL_FROM secrets are not set");
    const response = await fetch(RESEND_ENDPOINT, {
      method: "POST",
      headers: { authorization: `Bearer ${env.RESEND_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ from: env.MAIL_FROM, to: [mail.to], subject: mail.subject, text: mail.text }),
    });
    if (!response.ok) throw new Error(`mail transport answered ${response.status}`);
  } catch (error) {
    console.error(JSON.stringify({ event: "mail_failed", subject: mail.subject, error: error instanceof Error ? error.message : "unknown" }));
  }
}
