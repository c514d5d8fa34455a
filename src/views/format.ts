/** Formatting for pages: sizes and dates in the reader's language. */
import type { Language } from "../lib/language";

export function formatBytes(bytes: number, language: Language): string {
  if (bytes <= 0) return language === "fr" ? "taille inconnue" : "unknown size";
  const units = language === "fr" ? ["o", "Kio", "Mio", "Gio", "Tio"] : ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(language === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

export function formatDateTime(at: number, language: Language): string {
  return new Date(at).toLocaleString(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

/** An amount in minor units (cents) with its ISO currency, as the reader writes prices: "4,00 €", "€4.00". */
export function formatPrice(amountMinor: number, currency: string, language: Language): string {
  const code = currency.toUpperCase();
  const digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(language === "fr" ? "fr-FR" : "en-GB", { style: "currency", currency: code }).format(amountMinor / 10 ** digits);
}
