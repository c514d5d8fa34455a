/**
 * Real-Debrid's account settings (`GET /settings`, `POST /settings/update`) and the same on the
 * settings page. The locale is the account's (mails and pages follow it); the pinned download
 * node decides routing (downloads/download-host.ts); streaming preferences are kept for clients
 * that set them, though Relais streams nothing yet. Fidelity points are not settings here.
 */
import { eq } from "drizzle-orm";
import type { MainDb } from "../db/client";
import { accounts, accountSettings } from "../db/schema";
import { NEAREST_NODE, type DownloadNode } from "../lib/download-nodes";
import type { Language } from "../lib/language";

export { avatarPath, deleteAvatar, findAccountAvatar, readAvatar, saveAvatar, type StoredAvatar } from "./avatars";

/** Every link is served over HTTPS in production: "secured" is the only port Relais offers. */
export const DOWNLOAD_PORTS = ["secured"] as const;
export const LOCALES: Record<Language, string> = { fr: "Français", en: "English" };
/** The values observed in Real-Debrid's answers, so that clients' menus work unchanged. */
export const STREAMING_QUALITIES = ["original", "high", "medium", "low"] as const;
export const STREAMING_LANGUAGES = { fre: "Français", eng: "English", ita: "Italiano", esp: "Español" } as const;
export const STREAMING_CAST_AUDIO = ["aac", "dolby"] as const;

/** What `setting_name` may be, and the values each takes (the node list depends on the deployment). */
export const SETTING_NAMES = [
  "download_port", "locale", "streaming_language_preference", "streaming_quality", "mobile_streaming_quality", "streaming_cast_audio_preference", "download_node",
] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

export type Settings = {
  download_ports: string[];
  download_port: string;
  locales: Record<string, string>;
  locale: string;
  streaming_qualities: string[];
  streaming_quality: string;
  mobile_streaming_quality: string;
  streaming_languages: Record<string, string>;
  streaming_language_preference: string;
  streaming_cast_audio: string[];
  streaming_cast_audio_preference: string;
  /** Relais: the download nodes by id, "auto" being the nearest; and the one chosen. */
  download_nodes: Record<string, string>;
  download_node: string;
};

function nodeChoices(nodes: DownloadNode[], language: Language): Record<string, string> {
  return { [NEAREST_NODE]: language === "fr" ? "Le plus proche" : "Nearest", ...Object.fromEntries(nodes.map((node) => [node.id, node.label])) };
}

function allowedValues(name: SettingName, nodes: DownloadNode[]): readonly string[] {
  switch (name) {
    case "download_port": return DOWNLOAD_PORTS;
    case "locale": return Object.keys(LOCALES);
    case "streaming_language_preference": return Object.keys(STREAMING_LANGUAGES);
    case "streaming_quality":
    case "mobile_streaming_quality": return STREAMING_QUALITIES;
    case "streaming_cast_audio_preference": return STREAMING_CAST_AUDIO;
    case "download_node": return [NEAREST_NODE, ...nodes.map((node) => node.id)];
  }
}

/** The account's settings in Real-Debrid's shape, with the values each may take; null when the account is gone. */
export async function readSettings(db: MainDb, input: { accountId: number; nodes: DownloadNode[] }): Promise<Settings | null> {
  const [account, stored] = await db.batch([
    db.select({ locale: accounts.locale }).from(accounts).where(eq(accounts.id, input.accountId)),
    db.select().from(accountSettings).where(eq(accountSettings.accountId, input.accountId)),
  ]);
  if (!account[0]) return null;
  const locale: Language = account[0].locale === "en" ? "en" : "fr";
  const row = stored[0];
  const pick = <T extends string>(value: string | null | undefined, allowed: readonly string[], fallback: T) => (value && allowed.includes(value) ? value : fallback);
  const nodes = nodeChoices(input.nodes, locale);
  return {
    download_ports: [...DOWNLOAD_PORTS],
    download_port: pick(row?.downloadPort, DOWNLOAD_PORTS, "secured"),
    locales: { ...LOCALES },
    locale,
    streaming_qualities: [...STREAMING_QUALITIES],
    streaming_quality: pick(row?.streamingQuality, STREAMING_QUALITIES, "original"),
    mobile_streaming_quality: pick(row?.mobileStreamingQuality, STREAMING_QUALITIES, "original"),
    streaming_languages: { ...STREAMING_LANGUAGES },
    streaming_language_preference: pick(row?.streamingLanguagePreference, Object.keys(STREAMING_LANGUAGES), locale === "fr" ? "fre" : "eng"),
    streaming_cast_audio: [...STREAMING_CAST_AUDIO],
    streaming_cast_audio_preference: pick(row?.streamingCastAudioPreference, STREAMING_CAST_AUDIO, "aac"),
    download_nodes: nodes,
    // A pinned node that is no longer configured falls back to the nearest.
    download_node: pick(row?.downloadNode, Object.keys(nodes), NEAREST_NODE),
  };
}

export type SettingUpdate = { ok: true } | { ok: false; problem: "setting_name" | "setting_value"; allowed?: readonly string[] };

/** Sets one setting to one of its allowed values; nothing is written otherwise. */
export async function updateSetting(db: MainDb, input: { accountId: number; name: string; value: string; nodes: DownloadNode[] }, now: number): Promise<SettingUpdate> {
  if (!(SETTING_NAMES as readonly string[]).includes(input.name)) return { ok: false, problem: "setting_name", allowed: SETTING_NAMES };
  const name = input.name as SettingName;
  const allowed = allowedValues(name, input.nodes);
  if (!allowed.includes(input.value)) return { ok: false, problem: "setting_value", allowed };
  if (name === "locale") {
    await db.update(accounts).set({ locale: input.value }).where(eq(accounts.id, input.accountId));
    return { ok: true };
  }
  const column = {
    download_port: "downloadPort", streaming_language_preference: "streamingLanguagePreference", streaming_quality: "streamingQuality",
    mobile_streaming_quality: "mobileStreamingQuality", streaming_cast_audio_preference: "streamingCastAudioPreference", download_node: "downloadNode",
  } as const satisfies Record<Exclude<SettingName, "locale">, keyof typeof accountSettings.$inferInsert>;
  const value = name === "download_node" && input.value === NEAREST_NODE ? null : input.value;
  await db
    .insert(accountSettings)
    .values({ accountId: input.accountId, [column[name]]: value, updatedAt: now })
    .onConflictDoUpdate({ target: accountSettings.accountId, set: { [column[name]]: value, updatedAt: now } });
  return { ok: true };
}

/** The node the account pinned, or null for the nearest. */
export async function pinnedDownloadNode(db: MainDb, accountId: number): Promise<string | null> {
  const row = await db.query.accountSettings.findFirst({ columns: { downloadNode: true }, where: eq(accountSettings.accountId, accountId) });
  return row?.downloadNode ?? null;
}
