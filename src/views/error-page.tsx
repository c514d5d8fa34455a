/** A readable error page: what happened and what to do, never internal detail. */
import type { Language } from "../lib/language";
import { Layout } from "./layout";

export type ErrorPageProps = { language: Language; status: number; message: string; requestId: string };

const TEXT = {
  fr: { title: "Erreur", reference: "Référence de la requête", home: "Retour à l'accueil" },
  en: { title: "Error", reference: "Request reference", home: "Back to the home page" },
} as const;

export function ErrorPage(props: ErrorPageProps) {
  const t = TEXT[props.language];
  return (
    <Layout language={props.language} title={`${t.title} ${props.status}`}>
      <h1>{`${t.title} ${props.status}`}</h1>
      <p class="notice error" role="alert">{props.message}</p>
      <p class="muted">
        {t.reference}: <code>{props.requestId}</code>
      </p>
      <p>
        <a href="/">{t.home}</a>
      </p>
    </Layout>
  );
}
