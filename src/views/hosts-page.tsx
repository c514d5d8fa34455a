/** Hosters we support, whether they work right now, and what each plan may use. */
import type { Language } from "../lib/language";
import { formatBytes } from "./format";

export type HostRow = { name: string; domains: readonly string[]; status: "up" | "maintenance" | "down"; free: boolean; bytesPerDay: number; linksPerDay: number; maxChunks: number };

const TEXT = {
  fr: {
    title: "Hébergeurs", heading: "État des hébergeurs", name: "Hébergeur", status: "État", plan: "Comptes", limits: "Limites par jour",
    up: "En service", maintenance: "En maintenance", down: "Indisponible", free: "gratuits et premium", premium: "premium",
    limit: (b: string, l: number, c: number) => `${b}, ${l} liens, ${c} connexions par fichier`,
    direct: "Liens directs HTTP(S) de tout serveur public",
  },
  en: {
    title: "Hosters", heading: "Hoster status", name: "Hoster", status: "Status", plan: "Accounts", limits: "Daily limits",
    up: "Up", maintenance: "In maintenance", down: "Unavailable", free: "free and premium", premium: "premium",
    limit: (b: string, l: number, c: number) => `${b}, ${l} links, ${c} connections per file`,
    direct: "Direct HTTP(S) links on any public server",
  },
} as const;

export function HostsPage(props: { language: Language; hosts: HostRow[] }) {
  const t = TEXT[props.language];
  return (
    <>
      <h1>{t.heading}</h1>
      <div class="table-wrap">
        <table>
          <thead>
            <tr><th scope="col">{t.name}</th><th scope="col">{t.status}</th><th scope="col">{t.plan}</th><th scope="col">{t.limits}</th></tr>
          </thead>
          <tbody>
            {props.hosts.map((host) => (
              <tr>
                <td>{host.domains.length > 0 ? `${host.name} (${host.domains.join(", ")})` : t.direct}</td>
                <td data-status={host.status}>{t[host.status]}</td>
                <td>{host.free ? t.free : t.premium}</td>
                <td>{t.limit(formatBytes(host.bytesPerDay, props.language), host.linksPerDay, host.maxChunks)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export { TEXT as HOSTS_TEXT };
