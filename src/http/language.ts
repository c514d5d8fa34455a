/** The page language: from the path (`/en/…`, `/fr/…`), else Accept-Language, else French; never from a cookie. */
import { languageDetector } from "hono/language";
import { DEFAULT_LANGUAGE, LANGUAGES } from "../lib/language";

export function detectLanguage() {
  return languageDetector({ order: ["path", "header"], supportedLanguages: [...LANGUAGES], fallbackLanguage: DEFAULT_LANGUAGE, caches: false });
}
