/** Development-only pages: the local mailbox. Mounted at /dev; every route answers 404 outside development. */
import { desc } from "drizzle-orm";
import { Hono } from "hono";
import { devMailbox } from "../../../db/schema";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { isDevelopment } from "../../../mail/outbox";
import { MailboxPage } from "../../../views/mailbox-page";

export const devPages = new Hono<AppEnv>();

devPages.use(async (c, next) => {
  if (!isDevelopment(c.env)) throw new AppError("page_not_found");
  await next();
});

devPages.get("/mailbox", async (c) => {
  const mails = await c.var.db.select().from(devMailbox).orderBy(desc(devMailbox.id)).limit(50);
  c.header("Cache-Control", "no-store");
  return c.render(<MailboxPage mails={mails} />, { title: "Local mailbox" });
});
