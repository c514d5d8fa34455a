/** A readable error: what happened and what to do, never internal detail. */
import type { Language } from "../lib/language";

export type ErrorPageProps = { language: Language; title: string; message: string; requestId: string };

const TEXT = {
  fr: { reference: "Référence de la requête :", home: "Retour à l'accueil" },
  en: { reference: "Request reference:", home: "Back to the home page" },
} as const;

export function ErrorPage(props: ErrorPageProps) {
  const t = TEXT[props.language];
  return (
    <>
      <h1>{props.title}</h1>
      <p class="notice error" role="alert">{props.message}</p>
      <p class="muted">
        {t.reference} <code>{props.requestId}</code>
      </p>
      <p>
        <a href="/">{t.home}</a>
      </p>
    </>
  );
}
