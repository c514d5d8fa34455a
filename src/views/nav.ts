/** Navigation items: what a visitor and a logged-in user can reach. */
import type { Language } from "../lib/language";
import type { NavItem } from "./layout";

export function siteNav(language: Language, loggedIn: boolean): NavItem[] {
  const fr = language === "fr";
  return loggedIn
    ? [{ href: "/account", label: fr ? "Mon compte" : "My account" }, { href: "/logout", label: fr ? "Déconnexion" : "Log out" }]
    : [{ href: "/login", label: fr ? "Connexion" : "Log in" }, { href: "/register", label: fr ? "Inscription" : "Sign up" }];
}
