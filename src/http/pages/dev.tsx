/** Development-only pages: the local mailbox. Every route here answers 404 outside development. */
import { desc } from "drizzle-orm";
import { Hono } from "hono";
import { mainDb } from "../../db/client";
import { devMailbox } from "../../db/schema";
import type { AppEnv } from "../../env";
import { AppError } from "../../errors";
import { isDevelopment } from "../../mail/outbox";
import { MailboxPage } from "../../views/mailbox-page";

export const devPages = new Hono<AppEnv>();

devPages.use("/dev/*", async (c, next) => {
  if (!isDevelopment(c.env)) throw new AppError("page_not_found");
  return next();
});

devPages.get("/dev/mailbox", async (c) => {
  const mails = await mainDb(c.env.DB).select().from(devMailbox).orderBy(desc(devMailbox.id)).limit(50);
  c.header("Cache-Control", "no-store");
  return c.html(<MailboxPage mails={mails} />);
});
