/**
 * What mailed security links open, without a session (the owner may read mail elsewhere): the
 * one-click revoke of a new-place sign-in and the unlock of a locked account. GET shows a button,
 * POST acts, since mail scanners prefetch links. The token in the link is the capability.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { unlockAccount } from "../../../accounts";
import { recordSecurityEventStatement } from "../../../account-security";
import type { AppEnv } from "../../../env";
import { revokeSessionByLink } from "../../../sessions";
import { MessagePage } from "../../../views/auth-pages";
import { ConfirmLinkPage, SECURITY_LINK_TEXT } from "../../../views/security-link-pages";
import { clearSessionCookie } from "../cookies";
import { formValidator, pageQuery } from "../input";

export const securityLinkPages = new Hono<AppEnv>();

const Token = v.pipe(v.string(), v.maxLength(64));
const TokenQuery = v.object({ token: v.optional(v.fallback(Token, ""), "") });
const TokenForm = v.object({ token: Token });

for (const [path, kind] of [["/revoke-session", "revoke"], ["/unlock", "unlock"]] as const) {
  securityLinkPages.get(path, pageQuery("query", TokenQuery), (c) => {
    const t = SECURITY_LINK_TEXT[c.var.language];
    return c.render(<ConfirmLinkPage language={c.var.language} kind={kind} token={c.req.valid("query").token} />, { title: kind === "revoke" ? t.revokeTitle : t.unlockTitle });
  });
}

securityLinkPages.post("/revoke-session", formValidator(TokenForm), async (c) => {
  const t = SECURITY_LINK_TEXT[c.var.language];
  const form = c.req.valid("form");
  const now = Date.now();
  const revoked = form.ok ? await revokeSessionByLink(c.var.db, { token: form.value.token.trim().toUpperCase() }) : null;
  if (!revoked) {
    c.status(400);
    return c.render(<ConfirmLinkPage language={c.var.language} kind="revoke" token="" message={t.badLink} />, { title: t.revokeTitle });
  }
  await recordSecurityEventStatement(c.var.db, { accountId: revoked.accountId, kind: "session_revoked_by_mail", client: c.var.client, detail: { session_id: revoked.sessionId } }, now);
  // Opened in the revoked session's own browser: that browser is logged out too.
  if (c.var.session?.id === revoked.sessionId) {
    clearSessionCookie(c);
    c.set("session", null);
  }
  return c.render(<MessagePage language={c.var.language} title={t.revokedTitle} message={t.revoked} kind="ok" next={{ href: "/forgot-password", label: t.forgotLink }} />, { title: t.revokedTitle });
});

securityLinkPages.post("/unlock", formValidator(TokenForm), async (c) => {
  const t = SECURITY_LINK_TEXT[c.var.language];
  const form = c.req.valid("form");
  if (!form.ok || !(await unlockAccount(c.var.db, { token: form.value.token.trim().toUpperCase() }, Date.now()))) {
    c.status(400);
    return c.render(<ConfirmLinkPage language={c.var.language} kind="unlock" token="" message={t.badLink} />, { title: t.unlockTitle });
  }
  return c.render(<MessagePage language={c.var.language} title={t.unlockedTitle} message={t.unlocked} kind="ok" next={{ href: "/account/security", label: t.securityLink }} />, { title: t.unlockedTitle });
});
