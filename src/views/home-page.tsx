/** The home page: what Relais is, in two sentences, and where to go next. */
import type { Language } from "../lib/language";

const TEXT = {
  fr: {
    title: "Accueil",
    heading: "Vos liens d'hébergeurs, en téléchargement direct",
    lead: "Collez un lien d'hébergeur de fichiers, obtenez un lien direct servi depuis le point de présence le plus proche. Compatible avec l'API REST de Real-Debrid : vos applications fonctionnent en changeant l'adresse de base.",
    privacy: "Ce que nous enregistrons, et pour combien de temps",
  },
  en: {
    title: "Home",
    heading: "Your file-hoster links, as direct downloads",
    lead: "Paste a file-hoster link, get a direct link served from the nearest edge. Compatible with the Real-Debrid REST API: your apps work by changing their base URL.",
    privacy: "What we record, and for how long",
  },
} as const;

export function HomePage(props: { language: Language }) {
  const t = TEXT[props.language];
  return (
    <>
      <h1>{t.heading}</h1>
      <p>{t.lead}</p>
      <p>
        <a href={props.language === "fr" ? "/privacy" : "/en/privacy"}>{t.privacy}</a>
      </p>
    </>
  );
}

export { TEXT as HOME_TEXT };
