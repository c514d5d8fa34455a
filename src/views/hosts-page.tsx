/** Hosters we support, whether they work right now (and how they did lately), what each plan may use, and a link of each. */
import { HOSTER_HEALTH_MIN_OUTCOMES, HOSTER_HEALTH_WINDOW_MS } from "../config";
import { describeDuration } from "../lib/duration";
import type { Language } from "../lib/language";
import { formatBytes } from "./format";

export type HostState = "up" | "degraded" | "down" | "maintenance";

export type HostRow = {
  id: string;
  name: string;
  domains: readonly string[];
  state: HostState;
  /** Share of successful checks and downloads over the window, or null when too few to say. */
  successShare: number | null;
  outcomes: number;
  free: boolean;
  bytesPerDay: number;
  linksPerDay: number;
  maxChunks: number;
  exampleLink: string;
  exampleFolderLink?: string;
};

const TEXT = {
  fr: {
    title: "Hébergeurs", heading: "État des hébergeurs", name: "Hébergeur", status: "État", plan: "Comptes", limits: "Limites par jour", example: "Exemple de lien",
    up: "En service", degraded: "Perturbé", maintenance: "En maintenance", down: "Indisponible", free: "gratuits et premium", premium: "premium",
    limit: (b: string, l: number, c: number) => `${b}, ${l} liens, ${c} connexions par fichier`,
    direct: "Liens directs HTTP(S) de tout serveur public",
    share: (percent: string, outcomes: number, window: string) => `${percent} des ${outcomes} vérifications et téléchargements réussis sur ${window}`,
    fewOutcomes: (window: string) => `Moins de ${HOSTER_HEALTH_MIN_OUTCOMES} essais sur ${window} : pas encore d'avis`,
    folder: "dossier :",
  },
  en: {
    title: "Hosters", heading: "Hoster status", name: "Hoster", status: "Status", plan: "Accounts", limits: "Daily limits", example: "Example link",
    up: "Up", degraded: "Degraded", maintenance: "In maintenance", down: "Unavailable", free: "free and premium", premium: "premium",
    limit: (b: string, l: number, c: number) => `${b}, ${l} links, ${c} connections per file`,
    direct: "Direct HTTP(S) links on any public server",
    share: (percent: string, outcomes: number, window: string) => `${percent} of ${outcomes} checks and downloads succeeded over the last ${window}`,
    fewOutcomes: (window: string) => `Fewer than ${HOSTER_HEALTH_MIN_OUTCOMES} tries over the last ${window}: no verdict yet`,
    folder: "folder:",
  },
} as const;

function formatShare(share: number, language: Language): string {
  return share.toLocaleString(language === "fr" ? "fr-FR" : "en-GB", { style: "percent", maximumFractionDigits: 0 });
}

export function HostsPage(props: { language: Language; hosts: HostRow[] }) {
  const t = TEXT[props.language];
  const window = describeDuration(HOSTER_HEALTH_WINDOW_MS, props.language);
  return (
    <>
      <h1>{t.heading}</h1>
      <div class="table-wrap">
        <table>
          <thead>
            <tr><th scope="col">{t.name}</th><th scope="col">{t.status}</th><th scope="col">{t.plan}</th><th scope="col">{t.limits}</th><th scope="col">{t.example}</th></tr>
          </thead>
          <tbody>
            {props.hosts.map((host) => (
              <tr data-hoster={host.id}>
                <td>{host.domains.length > 0 ? `${host.name} (${host.domains.join(", ")})` : t.direct}</td>
                <td data-status={host.state}>
                  {t[host.state]}
                  <br />
                  <small>{host.successShare === null ? t.fewOutcomes(window) : t.share(formatShare(host.successShare, props.language), host.outcomes, window)}</small>
                </td>
                <td>{host.free ? t.free : t.premium}</td>
                <td>{t.limit(formatBytes(host.bytesPerDay, props.language), host.linksPerDay, host.maxChunks)}</td>
                <td class="example-link">
                  <code>{host.exampleLink}</code>
                  {host.exampleFolderLink ? (
                    <>
                      <br />
                      <small>{t.folder} <code>{host.exampleFolderLink}</code></small>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export { TEXT as HOSTS_TEXT };
