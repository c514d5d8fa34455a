/** Navigation items: what a visitor and a logged-in user can reach. */
import type { Language } from "../lib/language";
import type { NavItem } from "./layout";

export function siteNav(language: Language, loggedIn: boolean): NavItem[] {
  const fr = language === "fr";
  const hosters = { href: "/hosts", label: fr ? "Hébergeurs" : "Hosters" };
  const premium = { href: "/premium", label: "Premium" };
  return loggedIn
    ? [
        { href: "/downloader", label: fr ? "Télécharger" : "Download" },
        { href: "/downloads", label: fr ? "Historique" : "History" },
        hosters,
        premium,
        { href: "/account", label: fr ? "Mon compte" : "My account" },
        { href: "/logout", label: fr ? "Déconnexion" : "Log out" },
      ]
    : [hosters, premium, { href: "/login", label: fr ? "Connexion" : "Log in" }, { href: "/register", label: fr ? "Inscription" : "Sign up" }];
}
