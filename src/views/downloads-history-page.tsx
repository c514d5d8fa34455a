/** The downloads history: paged, each entry with its deletion date and a delete button. */
import { displayHost, type DownloadRecord } from "../downloads/records";
import type { Language } from "../lib/language";
import { describePeriod, findRetentionCategory } from "../retention/policy";
import { formatBytes, formatDateTime } from "./format";

const TEXT = {
  fr: {
    title: "Historique",
    heading: "Historique des téléchargements",
    lead: (period: string) => `Chaque lien est supprimé au plus tard ${period} après sa création ; vous pouvez le supprimer avant.`,
    empty: "Aucun téléchargement.",
    file: "Fichier", size: "Taille", host: "Hébergeur", generated: "Créé le", deleted: "Supprimé le", action: "Action",
    delete: "Supprimer", expired: "lien expiré", previous: "Page précédente", next: "Page suivante",
    page: (n: number, of: number) => `Page ${n} sur ${of}`,
  },
  en: {
    title: "History",
    heading: "Download history",
    lead: (period: string) => `Each link is deleted at the latest ${period} after it was made; you can delete it sooner.`,
    empty: "No downloads.",
    file: "File", size: "Size", host: "Hoster", generated: "Made", deleted: "Deleted on", action: "Action",
    delete: "Delete", expired: "link expired", previous: "Previous page", next: "Next page",
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
} as const;

export type HistoryProps = { language: Language; items: DownloadRecord[]; page: number; pages: number; now: number };

export function DownloadsHistoryPage(props: HistoryProps) {
  const t = TEXT[props.language];
  return (
    <>
      <h1>{t.heading}</h1>
      <p class="muted">{t.lead(describePeriod(findRetentionCategory("download_links").periodMs, props.language))}</p>
      {props.items.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.file}</th><th scope="col">{t.size}</th><th scope="col">{t.host}</th>
                <th scope="col">{t.generated}</th><th scope="col">{t.deleted}</th><th scope="col">{t.action}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => (
                <tr data-download-id={item.id}>
                  <td>
                    {item.expiresAt > props.now ? <a href={item.download} rel="noreferrer">{item.filename}</a> : <span>{item.filename} <span class="muted">({t.expired})</span></span>}
                  </td>
                  <td>{formatBytes(item.filesize, props.language)}</td>
                  <td>{displayHost(item)}</td>
                  <td>{formatDateTime(item.generatedAt, props.language)}</td>
                  <td>{formatDateTime(item.deletionAt, props.language)}</td>
                  <td>
                    <form method="post" action={`/downloads/${item.id}/delete`}>
                      <button type="submit" aria-label={`${t.delete} ${item.filename}`}>{t.delete}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.pages > 1 ? (
        <nav aria-label={t.page(props.page, props.pages)}>
          <p>{t.page(props.page, props.pages)}</p>
          {props.page > 1 ? <a href={`/downloads?page=${props.page - 1}`} rel="prev">{t.previous}</a> : null}{" "}
          {props.page < props.pages ? <a href={`/downloads?page=${props.page + 1}`} rel="next">{t.next}</a> : null}
        </nav>
      ) : null}
    </>
  );
}

export { TEXT as HISTORY_TEXT };
