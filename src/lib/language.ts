/** Page language: from the URL (`/en/…`, `/fr/…`) or else Accept-Language; never from a cookie. */
export type Language = "fr" | "en";
export const DEFAULT_LANGUAGE: Language = "fr";

/** Picks fr or en from an Accept-Language header by quality; French, the policy's language, by default. */
export function negotiateLanguage(acceptLanguage: string | null | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  let best: { language: Language; q: number } | null = null;
  for (const part of acceptLanguage.split(",").slice(0, 20)) {
    const [tag = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.find((p) => p.trim().startsWith("q="));
    const q = qParam ? Number.parseFloat(qParam.trim().slice(2)) : 1;
    const primary = tag.split("-")[0];
    if ((primary === "fr" || primary === "en") && Number.isFinite(q) && q > 0 && (!best || q > best.q)) {
      best = { language: primary, q };
    }
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}

/** The language a path names explicitly, if any. */
export function languageFromPath(path: string): Language | null {
  if (path === "/en" || path.startsWith("/en/")) return "en";
  if (path === "/fr" || path.startsWith("/fr/")) return "fr";
  return null;
}

export function requestLanguage(path: string, acceptLanguage: string | null | undefined): Language {
  return languageFromPath(path) ?? negotiateLanguage(acceptLanguage);
}
