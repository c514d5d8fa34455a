/** Public pages and assets: home, the hosters we support, stylesheet, avatars, health check, the privacy policy and its versions, the transparency report. */
import { Hono, type Context } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../../../env";
import { AppError } from "../../../errors";
import { reportHosters } from "../../../hosters/lookups";
import { computeTransparencyReport } from "../../../legal/transparency";
import { RETENTION_CATEGORIES } from "../../../retention/policy";
import { readAvatar } from "../../../settings";
import { TRANSPARENCY_TEXT, TransparencyPage } from "../../../views/transparency-page";
import { HOME_TEXT, HomePage } from "../../../views/home-page";
import { HOSTS_TEXT, HostsPage } from "../../../views/hosts-page";
import type { Language } from "../../../lib/language";
import { currentPolicyVersion, findPolicyVersion, type PolicyDocument, type PolicyVersion } from "../../../retention/policy-versions";
import { livePolicyContent, policyVersionPath, PRIVACY_TEXT, PrivacyPage } from "../../../views/privacy-page";
import { currentPolicyOf, policyVersionsOf } from "../policy";
import { STYLESHEET } from "../../../views/styles";
import { pageParam } from "../input";

export const publicPages = new Hono<AppEnv>();

publicPages.get("/healthz", (c) => c.json({ status: "ok" }));

publicPages.get("/assets/app.css", (c) => {
  c.header("Content-Type", "text/css; charset=utf-8");
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(STYLESHEET);
});

/** The default avatar `/rest/1.0/user` points to when the account uploaded none. */
publicPages.get("/assets/avatar.svg", (c) => {
  c.header("Content-Type", "image/svg+xml");
  c.header("Cache-Control", "public, max-age=86400");
  return c.body('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#8a94a6"/><circle cx="32" cy="25" r="12" fill="#eceef2"/><path d="M10 60c2-14 12-20 22-20s20 6 22 20z" fill="#eceef2"/></svg>');
});

const AvatarParam = v.object({ publicId: v.pipe(v.string(), v.regex(/^[a-z2-7]{32}\.(png|jpg|gif|webp)$/)) });

/**
 * An uploaded avatar, with the type its bytes showed at upload (the security headers add nosniff,
 * the site's CSP and a same-origin resource policy: other sites cannot hotlink it) and no caching
 * beyond a revalidation, so that a deleted picture is gone.
 */
publicPages.get("/avatars/:publicId", pageParam("param", AvatarParam), async (c) => {
  const avatar = await readAvatar(c.var.db, { kv: c.env.KV, publicId: c.req.valid("param").publicId });
  if (!avatar) throw new AppError("page_not_found");
  c.header("Content-Type", avatar.contentType);
  c.header("Cache-Control", "no-cache");
  return c.body(avatar.body);
});

// The language comes from the path (/en, /fr) or else Accept-Language: pages without one vary by it.
for (const path of ["/", "/en", "/fr"]) {
  publicPages.get(path, (c) => {
    if (path === "/") c.header("Vary", "Accept-Language");
    const language = c.var.language;
    return c.render(<HomePage language={language} />, { title: HOME_TEXT[language].title, alternatePath: language === "fr" ? "/en" : "/fr" });
  });
}

/** What a version shows: its frozen content, or (the current version only) the live policy. */
function policyDocumentOf(version: PolicyVersion, versions: readonly PolicyVersion[], language: Language): PolicyDocument {
  if (version.frozen) return version.frozen[language];
  if (version.number !== currentPolicyVersion(versions).number) throw new Error(`privacy policy version ${version.number} has no frozen content`);
  return livePolicyContent(RETENTION_CATEGORIES)[language];
}

function renderPolicy(c: Context<AppEnv>, version: PolicyVersion, paths: { current: string; alternate: string }) {
  const language = c.var.language;
  const versions = policyVersionsOf(c);
  c.header("Content-Language", language);
  return c.render(<PrivacyPage language={language} version={version} versions={versions} document={policyDocumentOf(version, versions, language)} />, {
    title: PRIVACY_TEXT[language].title,
    currentPath: paths.current,
    alternatePath: paths.alternate,
  });
}

for (const path of ["/privacy", "/en/privacy", "/fr/privacy"]) {
  publicPages.get(path, (c) => {
    const language = c.var.language;
    if (path === "/privacy") c.header("Vary", "Accept-Language");
    return renderPolicy(c, currentPolicyOf(c), { current: language === "fr" ? "/privacy" : "/en/privacy", alternate: language === "fr" ? "/en/privacy" : "/fr/privacy" });
  });
}

/** A version number as an address names it: 1 to 999,999, no sign, no leading zero; anything else names nothing (404). */
const VersionParam = v.object({ number: v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,5}$/), v.transform(Number)) });

/** Every version at its stable address, as it read when it was in force. */
for (const prefix of ["", "/en", "/fr"]) {
  publicPages.get(`${prefix}/privacy/versions/:number`, pageParam("param", VersionParam), (c) => {
    const language = c.var.language;
    const version = findPolicyVersion(policyVersionsOf(c), c.req.valid("param").number);
    if (!version) throw new AppError("page_not_found");
    if (prefix === "") c.header("Vary", "Accept-Language");
    const other = language === "fr" ? "en" : "fr";
    return renderPolicy(c, version, { current: language === "fr" ? "/privacy" : "/en/privacy", alternate: policyVersionPath(version.number, other).replace(/^\/privacy/, "/fr/privacy") });
  });
}

publicPages.get("/hosts", async (c) => {
  const rows = await reportHosters(c.var.db, { env: c.env }, Date.now());
  const hosts = rows.map(({ adapter, report }) => ({
    id: adapter.id, name: adapter.name, domains: adapter.domains, exampleLink: adapter.exampleLink, exampleFolderLink: adapter.exampleFolderLink, ...report, ...adapter.limits,
  }));
  c.header("Vary", "Accept-Language");
  return c.render(<HostsPage language={c.var.language} hosts={hosts} />, { title: HOSTS_TEXT[c.var.language].title, currentPath: "/hosts" });
});

for (const path of ["/transparency", "/en/transparency", "/fr/transparency"]) {
  publicPages.get(path, async (c) => {
    const language = c.var.language;
    if (path === "/transparency") c.header("Vary", "Accept-Language");
    c.header("Content-Language", language);
    return c.render(<TransparencyPage language={language} report={await computeTransparencyReport(c.var.db)} />, {
      title: TRANSPARENCY_TEXT[language].title,
      currentPath: language === "fr" ? "/transparency" : "/en/transparency",
      alternatePath: language === "fr" ? "/en/transparency" : "/fr/transparency",
    });
  });
}
