/** Navigation between the download pages. */
import type { Language } from "../lib/language";
import type { NavItem } from "./layout";

export function downloadsNav(language: Language): NavItem[] {
  return language === "fr"
    ? [{ href: "/downloader", label: "Télécharger" }, { href: "/downloads", label: "Historique" }, { href: "/hosts", label: "Hébergeurs" }]
    : [{ href: "/downloader", label: "Download" }, { href: "/downloads", label: "History" }, { href: "/hosts", label: "Hosters" }];
}
