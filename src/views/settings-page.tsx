/** The account settings page: the same settings as Real-Debrid's /settings, the avatar, and today's remote traffic. */
import { AVATAR_MAX_BYTES } from "../config";
import type { Language } from "../lib/language";
import type { Settings } from "../settings";
import { Notice } from "./form";
import { formatBytes } from "./format";

export type SettingsPageProps = {
  language: Language;
  settings: Settings;
  avatarUrl: string | null;
  remote: { used: number; limit: number };
  notice?: string;
  error?: string;
};

const T = {
  fr: {
    title: "Réglages", save: "Enregistrer",
    names: {
      download_node: "Serveur de téléchargement", locale: "Langue (pages et e-mails)", download_port: "Port de téléchargement", streaming_language_preference: "Langue de lecture préférée",
      streaming_quality: "Qualité de lecture", mobile_streaming_quality: "Qualité de lecture sur mobile", streaming_cast_audio_preference: "Audio sur Google Cast",
    },
    nodeHint: "« Le plus proche » choisit le serveur le plus proche de l'endroit où vous générez chaque lien.",
    avatarTitle: "Avatar", avatarNone: "Pas d'avatar : vos applications affichent l'image par défaut.", avatarField: (max: string) => `Image PNG, JPEG, GIF ou WebP, ${max} au plus`,
    upload: "Envoyer l'image", remove: "Supprimer l'avatar",
    remoteTitle: "Trafic distant", remoteText: (used: string, limit: string) => `Aujourd'hui : ${used} sur ${limit}. Les liens générés avec remote=1 se téléchargent depuis n'importe quel réseau et comptent ici.`,
  },
  en: {
    title: "Settings", save: "Save",
    names: {
      download_node: "Download server", locale: "Language (pages and emails)", download_port: "Download port", streaming_language_preference: "Preferred playback language",
      streaming_quality: "Playback quality", mobile_streaming_quality: "Playback quality on mobile", streaming_cast_audio_preference: "Audio on Google Cast",
    },
    nodeHint: "“Nearest” picks the server nearest to where you generate each link.",
    avatarTitle: "Avatar", avatarNone: "No avatar: your apps show the default picture.", avatarField: (max: string) => `A PNG, JPEG, GIF or WebP picture, at most ${max}`,
    upload: "Upload the picture", remove: "Delete the avatar",
    remoteTitle: "Remote traffic", remoteText: (used: string, limit: string) => `Today: ${used} of ${limit}. Links generated with remote=1 download from any network and count here.`,
  },
} as const;

type Choice = { name: keyof (typeof T)["en"]["names"]; value: string; options: [string, string][] };

export function SettingsPage(props: SettingsPageProps) {
  const lang = props.language;
  const t = T[lang];
  const s = props.settings;
  const list = (values: string[]): [string, string][] => values.map((v) => [v, v]);
  const choices: Choice[] = [
    { name: "download_node", value: s.download_node, options: Object.entries(s.download_nodes) },
    { name: "locale", value: s.locale, options: Object.entries(s.locales) },
    { name: "download_port", value: s.download_port, options: list(s.download_ports) },
    { name: "streaming_language_preference", value: s.streaming_language_preference, options: Object.entries(s.streaming_languages) },
    { name: "streaming_quality", value: s.streaming_quality, options: list(s.streaming_qualities) },
    { name: "mobile_streaming_quality", value: s.mobile_streaming_quality, options: list(s.streaming_qualities) },
    { name: "streaming_cast_audio_preference", value: s.streaming_cast_audio_preference, options: list(s.streaming_cast_audio) },
  ];
  return (
    <>
      <h1>{t.title}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <section class="card">
        {choices.map((choice) => (
          <form method="post" action="/account/settings">
            <input type="hidden" name="setting_name" value={choice.name} />
            <label for={`field-${choice.name}`}>
              {t.names[choice.name]}
              <select id={`field-${choice.name}`} name="setting_value">
                {choice.options.map(([value, label]) => (
                  <option value={value} selected={value === choice.value}>{label}</option>
                ))}
              </select>
            </label>
            {choice.name === "download_node" ? <span class="muted">{t.nodeHint}</span> : null}
            <button type="submit" class="secondary">{t.save}</button>
          </form>
        ))}
      </section>
      <section class="card">
        <h2>{t.avatarTitle}</h2>
        {props.avatarUrl ? <img src={props.avatarUrl} alt="" width={96} height={96} data-testid="avatar" /> : <p>{t.avatarNone}</p>}
        <form method="post" action="/account/avatar" enctype="multipart/form-data">
          <label for="field-avatar">
            {t.avatarField(formatBytes(AVATAR_MAX_BYTES, lang))}
            <input id="field-avatar" name="avatar" type="file" accept="image/png,image/jpeg,image/gif,image/webp" required />
          </label>
          <button type="submit">{t.upload}</button>
        </form>
        {props.avatarUrl ? (
          <form method="post" action="/account/avatar/delete">
            <button type="submit" class="danger">{t.remove}</button>
          </form>
        ) : null}
      </section>
      <section class="card">
        <h2>{t.remoteTitle}</h2>
        <p>{t.remoteText(formatBytes(props.remote.used, lang), formatBytes(props.remote.limit, lang))}</p>
      </section>
    </>
  );
}

export { T as SETTINGS_TEXT };
