/** The page frame every HTML route uses: header, navigation, main content, footer. */
import type { Child } from "hono/jsx";
import type { Language } from "../lib/language";

export type NavItem = { href: string; label: string };

export type LayoutProps = {
  language: Language;
  title: string;
  /** Path of this page in the other language, for the language switch. */
  alternatePath?: string;
  currentPath?: string;
  nav?: NavItem[];
  /** Shown above the page's own content (the privacy policy change notice). */
  notice?: Child;
  children?: Child;
};

const TEXT = {
  fr: { skip: "Aller au contenu", privacy: "Confidentialité", transparency: "Transparence", other: "English", otherLang: "en", tagline: "Relais — téléchargement direct, données respectées." },
  en: { skip: "Skip to content", privacy: "Privacy", transparency: "Transparency", other: "Français", otherLang: "fr", tagline: "Relais — direct downloads, data respected." },
} as const;

export function Layout(props: LayoutProps) {
  const t = TEXT[props.language];
  const nav = props.nav ?? [];
  return (
    <html lang={props.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} · Relais`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">{t.skip}</a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">Relais</a>
            <nav class="site-nav" aria-label="Navigation">
              <ul>
                {nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.href === props.currentPath ? "page" : undefined}>{item.label}</a>
                  </li>
                ))}
                {props.alternatePath ? (
                  <li>
                    <a href={props.alternatePath} hreflang={t.otherLang} lang={t.otherLang}>{t.other}</a>
                  </li>
                ) : null}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.notice ?? null}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="bar">
            <span>{t.tagline}</span>
            <a href={props.language === "fr" ? "/privacy" : "/en/privacy"}>{t.privacy}</a>
            <a href={props.language === "fr" ? "/transparency" : "/en/transparency"}>{t.transparency}</a>
          </div>
        </footer>
      </body>
    </html>
  );
}
