/** Durations in words, derived from the milliseconds the code enforces, so no text restates a number. */
import type { Language } from "./language";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./time";

const WORDS = {
  fr: { year: ["an", "ans"], day: ["jour", "jours"], hour: ["heure", "heures"], minute: ["minute", "minutes"] },
  en: { year: ["year", "years"], day: ["day", "days"], hour: ["hour", "hours"], minute: ["minute", "minutes"] },
} as const;

/** "1 hour", "24 heures", "30 days", "1 year": whole years, else whole days from 2, else hours, else minutes. */
export function describeDuration(ms: number, language: Language): string {
  const words = WORDS[language];
  const say = (n: number, [one, many]: readonly string[]) => `${n} ${n === 1 ? one : many}`;
  const days = ms / DAY_MS;
  if (Number.isInteger(days) && days >= 365 && days % 365 === 0) return say(days / 365, words.year);
  if (Number.isInteger(days) && days >= 2) return say(days, words.day);
  if (ms < HOUR_MS) return say(Math.round(ms / MINUTE_MS), words.minute);
  return say(Math.round(ms / HOUR_MS), words.hour);
}
