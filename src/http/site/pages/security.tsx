/** The account security page and its forms. Mounted at /account/security, behind requireAccount(). */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { requestUnlockLink } from "../../../accounts";
import { addTrustedNetwork, readSecurityOverview, recordSecurityEventStatement, removeKnownPlace, removeTrustedNetwork, sharingNetworkOf } from "../../../account-security";
import { LOGIN_HISTORY_PAGE_SIZE, TRUSTED_NETWORKS_MAX } from "../../../config";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { createOutbox } from "../../../mail/outbox";
import { parseIpAddress } from "../../../request-context/client-context";
import { revokeAccountSession, revokeOtherSessions } from "../../../sessions";
import { SECURITY_TEXT, SecurityPage } from "../../../views/security-page";
import { clearSessionCookie } from "../cookies";
import { requireAccount } from "../guards";
import { formValidator, pageParam, pageQuery } from "../input";
import { tooManyPage } from "../too-many-page";

export const securityPages = new Hono<AppEnv>();
securityPages.use(requireAccount());

const TEXT = {
  fr: {
    sessionClosed: "Session fermée.", othersClosed: (n: number) => `${n} session${n > 1 ? "s" : ""} fermée${n > 1 ? "s" : ""}.`, placeForgotten: "Lieu oublié : la prochaine connexion depuis là demandera un code.",
    trustedAdded: (network: string) => `Réseau ${network} ajouté aux réseaux sûrs.`, trustedRemoved: "Réseau retiré.", badAddress: "Cette adresse IP n'est pas valide.",
    tooManyTrusted: (max: number) => `${max} réseaux sûrs au plus.`, unlockSent: "Un nouveau lien de déverrouillage est parti vers votre adresse.", notFound: "Introuvable (déjà fait ?).",
  },
  en: {
    sessionClosed: "Session closed.", othersClosed: (n: number) => `${n} session${n > 1 ? "s" : ""} closed.`, placeForgotten: "Place forgotten: the next sign-in from there will need a code.",
    trustedAdded: (network: string) => `Network ${network} added to the trusted networks.`, trustedRemoved: "Network removed.", badAddress: "This IP address is not valid.",
    tooManyTrusted: (max: number) => `At most ${max} trusted networks.`, unlockSent: "A new unlock link is on its way to your address.", notFound: "Not found (already done?).",
  },
} as const;

type Extra = { notice?: string; error?: string; status?: 200 | 400 | 404 | 429 };

async function renderSecurity(c: Context<AppEnv>, page: number, extra: Extra = {}) {
  const now = Date.now();
  const session = c.var.session!;
  const overview = await readSecurityOverview(c.var.db, { accountId: session.accountId, historyPage: page }, now);
  const pages = Math.max(1, Math.ceil(overview.loginHistory.total / LOGIN_HISTORY_PAGE_SIZE));
  c.status(extra.status ?? 200);
  return c.render(
    <SecurityPage
      language={c.var.language} overview={overview} currentSessionId={session.id} currentNetwork={sharingNetworkOf(c.var.client.ip)} now={now}
      page={page} pages={pages} notice={extra.notice} error={extra.error}
    />,
    { title: SECURITY_TEXT[c.var.language].title, currentPath: "/account" },
  );
}

const PageQuery = v.object({ page: v.optional(v.fallback(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(100_000)), 1), "1") });
const IdParam = v.object({ id: v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.toNumber()) });

securityPages.get("/", pageQuery("query", PageQuery), (c) => renderSecurity(c, c.req.valid("query").page));

securityPages.post("/sessions/:id/revoke", pageParam("param", IdParam), async (c) => {
  const { id } = c.req.valid("param");
  const session = c.var.session!;
  if (!(await revokeAccountSession(c.var.db, { accountId: session.accountId, sessionId: id }))) throw new AppError("page_not_found");
  if (id === session.id) {
    // This browser's own session: it is logged out.
    c.set("session", null);
    clearSessionCookie(c);
    return c.redirect("/login", 303);
  }
  return renderSecurity(c, 1, { notice: TEXT[c.var.language].sessionClosed });
});

securityPages.post("/sessions/revoke-others", async (c) => {
  const session = c.var.session!;
  const closed = await revokeOtherSessions(c.var.db, { accountId: session.accountId, keepSessionId: session.id });
  await recordSecurityEventStatement(c.var.db, { accountId: session.accountId, kind: "sessions_revoked", client: c.var.client, detail: { sessions: closed } }, Date.now());
  return renderSecurity(c, 1, { notice: TEXT[c.var.language].othersClosed(closed) });
});

securityPages.post("/places/:id/remove", pageParam("param", IdParam), async (c) => {
  const { id } = c.req.valid("param");
  const accountId = c.var.session!.accountId;
  if (!(await removeKnownPlace(c.var.db, { accountId, placeId: id }))) throw new AppError("page_not_found");
  await recordSecurityEventStatement(c.var.db, { accountId, kind: "known_place_removed", client: c.var.client }, Date.now());
  return renderSecurity(c, 1, { notice: TEXT[c.var.language].placeForgotten });
});

const TrustedForm = v.object({ address: v.optional(v.pipe(v.string(), v.maxLength(64))), label: v.optional(v.pipe(v.string(), v.maxLength(256))) });

securityPages.post("/trusted", formValidator(TrustedForm), async (c) => {
  const t = TEXT[c.var.language];
  const form = c.req.valid("form");
  if (!form.ok) return renderSecurity(c, 1, { error: t.badAddress, status: 400 });
  const typed = form.value.address?.trim() ?? "";
  // An address typed by the owner (their family's), or else the network they are on.
  const ip = typed === "" ? c.var.client.ip : parseIpAddress(typed);
  if (typed !== "" && ip === null) return renderSecurity(c, 1, { error: t.badAddress, status: 400 });
  const added = await addTrustedNetwork(c.var.db, { accountId: c.var.session!.accountId, ip, label: form.value.label ?? "" }, Date.now());
  if (added.kind === "bad_address") return renderSecurity(c, 1, { error: t.badAddress, status: 400 });
  if (added.kind === "too_many") return renderSecurity(c, 1, { error: t.tooManyTrusted(TRUSTED_NETWORKS_MAX), status: 400 });
  return renderSecurity(c, 1, { notice: t.trustedAdded(added.network) });
});

securityPages.post("/trusted/:id/remove", pageParam("param", IdParam), async (c) => {
  const { id } = c.req.valid("param");
  if (!(await removeTrustedNetwork(c.var.db, { accountId: c.var.session!.accountId, networkId: id }))) throw new AppError("page_not_found");
  return renderSecurity(c, 1, { notice: TEXT[c.var.language].trustedRemoved });
});

securityPages.post("/unlock-link", async (c) => {
  const decision = await requestUnlockLink(c.var.db, { accountId: c.var.session!.accountId, mailer: { outbox: createOutbox(c.env, c.var.db), siteOrigin: c.env.SITE_ORIGIN } }, Date.now());
  if (!decision.allowed) return tooManyPage(c, decision.retryAfterMs, (error) => renderSecurity(c, 1, { error, status: 429 }));
  return renderSecurity(c, 1, { notice: TEXT[c.var.language].unlockSent });
});
