/** The downloader: paste links (one per line), get generated links or a clear error per link. */
import type { Language } from "../lib/language";
import { truncateText } from "../lib/text";
import { formatBytes, formatDateTime } from "./format";

export type LinkResult =
  | { link: string; ok: true; filename: string; filesize: number; host: string; download: string; expiresAt: number }
  | { link: string; ok: false; error: string; message: string };

const TEXT = {
  fr: {
    title: "Télécharger",
    heading: "Télécharger des fichiers",
    label: "Liens (un par ligne)",
    submit: "Générer les liens",
    results: "Résultats",
    file: "Fichier", size: "Taille", host: "Hébergeur", link: "Lien direct", expires: "expire le",
    failed: "Échec :",
    tooMany: (max: number, skipped: number) => `Au plus ${max} liens à la fois : ${skipped} lien(s) suivant(s) n'ont pas été traités ; renvoyez-les ensuite.`,
  },
  en: {
    title: "Download",
    heading: "Download files",
    label: "Links (one per line)",
    submit: "Generate links",
    results: "Results",
    file: "File", size: "Size", host: "Hoster", link: "Direct link", expires: "expires",
    failed: "Failed:",
    tooMany: (max: number, skipped: number) => `At most ${max} links at a time: the next ${skipped} were not processed; send them again afterwards.`,
  },
} as const;

export function DownloaderPage(props: { language: Language; links?: string; results?: LinkResult[]; truncatedAt?: number; skipped?: number }) {
  const t = TEXT[props.language];
  return (
    <>
      <h1>{t.heading}</h1>
      <form method="post" action="/downloader" class="card">
        <label for="links">{t.label}</label>
        <textarea id="links" name="links" rows={8} required autocomplete="off" spellcheck={false}>{props.links ?? ""}</textarea>
        <button type="submit">{t.submit}</button>
      </form>
      {props.truncatedAt ? <p class="notice">{t.tooMany(props.truncatedAt, props.skipped ?? 0)}</p> : null}
      {props.results && props.results.length > 0 ? (
        <section aria-labelledby="results">
          <h2 id="results">{t.results}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">{t.file}</th><th scope="col">{t.size}</th><th scope="col">{t.host}</th><th scope="col">{t.link}</th></tr>
              </thead>
              <tbody>
                {props.results.map((result) =>
                  result.ok ? (
                    <tr data-result="ok">
                      <td>{result.filename}</td>
                      <td>{formatBytes(result.filesize, props.language)}</td>
                      <td>{result.host}</td>
                      <td>
                        <a href={result.download} rel="noreferrer">{result.download}</a>
                        <br />
                        <span class="muted">{`${t.expires} ${formatDateTime(result.expiresAt, props.language)}`}</span>
                      </td>
                    </tr>
                  ) : (
                    <tr data-result="error">
                      <td><code>{truncateText(result.link, 200)}</code></td>
                      <td colspan={3} class="error-text">{`${t.failed} ${result.message}`}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

export { TEXT as DOWNLOADER_TEXT };
