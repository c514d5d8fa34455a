/** The account security page: sessions, known places, trusted networks, apps and tokens, security events, login history. */
import { describePlace, type SecurityOverview } from "../account-security";
import { LINK_BINDING_PREFIX_BITS, SHARING_EVENTS_BEFORE_LOCK, SHARING_LOCK_WINDOW_MS, SHARING_MAX_NETWORKS, SHARING_WINDOW_MS } from "../config";
import { describeDuration } from "../lib/duration";
import type { Language } from "../lib/language";
import { describeUserAgent } from "../lib/user-agent";
import { describePeriod, findRetentionCategory } from "../retention/policy";
import { Notice } from "./form";
import { formatDateTime } from "./format";

export type SecurityPageProps = {
  language: Language;
  overview: SecurityOverview;
  currentSessionId: number;
  /** The network the page was requested from, as the sharing rule names it. */
  currentNetwork: string;
  now: number;
  page: number;
  pages: number;
  notice?: string;
  error?: string;
};

const T = {
  fr: {
    title: "Sécurité du compte",
    locked: "Votre compte est verrouillé : des téléchargements répétés depuis trop de réseaux ont été refusés. L'API, la génération de liens et les téléchargements sont suspendus jusqu'à ce que vous suiviez le lien de déverrouillage envoyé par e-mail.",
    unlockButton: "M'envoyer un nouveau lien de déverrouillage",
    sessionsTitle: "Sessions ouvertes", browser: "Navigateur", place: "Lieu approximatif", ip: "Adresse IP", started: "Ouverte", lastSeen: "Dernière activité",
    thisSession: "cette session", revoke: "Fermer", revokeOthers: "Fermer toutes les autres sessions",
    placesTitle: "Lieux connus",
    placesIntro: (period: string) => `Une connexion depuis un lieu (pays et opérateur) absent de cette liste demande un code envoyé par e-mail. Un lieu inutilisé pendant ${period} est oublié.`,
    placesNone: "Aucun lieu connu : la prochaine connexion demandera un code.", operator: "Opérateur", firstSeen: "Première fois", remove: "Oublier",
    trustedTitle: "Réseaux sûrs",
    sharingRule: (max: number, window: string, events: number, lockWindow: string) =>
      `Règle de partage de compte : des téléchargements depuis plus de ${max} réseaux en ${window} sont refusés ; ${events} refus en ${lockWindow} verrouillent le compte. Les liens distants (remote=1) n'y sont pas soumis.`,
    trustedIntro: (v4: number, v6: number) => `Déclarez vos réseaux (maison, famille) : ensemble, ils comptent pour un seul. Un réseau est un préfixe /${v4} en IPv4, /${v6} en IPv6.`,
    trustedNone: "Aucun réseau sûr.", network: "Réseau", label: "Nom", current: (network: string) => `Réseau actuel : ${network}`,
    addressField: "Adresse IP dans ce réseau (vide : le réseau actuel)", labelField: "Nom (par exemple « Maison »)", add: "Ajouter ce réseau",
    appsTitle: "Jeton d'API et applications", tokenLine: (made: string, used: string | null) => `Jeton privé créé le ${made}${used ? `, dernière utilisation le ${used}` : ", jamais utilisé"}.`,
    tokenNone: "Aucun jeton privé.", appsNone: "Aucune application connectée.", connected: "Connectée", disconnect: "Déconnecter", never: "jamais",
    eventsTitle: "Événements de sécurité", eventsNone: "Aucun événement.", when: "Date", what: "Événement", caused: "Conséquence", causedBy: (id: number) => `suite à l'événement n° ${id}`,
    historyTitle: "Historique des connexions", historyIntro: (period: string) => `Toutes les tentatives de connexion des ${period} derniers.`, historyNone: "Aucune connexion enregistrée.",
    outcome: "Résultat", prev: "Plus récentes", next: "Plus anciennes", pageOf: (page: number, pages: number) => `Page ${page} sur ${pages}`,
    unknown: "inconnu",
  },
  en: {
    title: "Account security",
    locked: "Your account is locked: repeated downloads from too many networks were refused. The API, link generation and downloads are suspended until you follow the unlock link sent by email.",
    unlockButton: "Send me a new unlock link",
    sessionsTitle: "Open sessions", browser: "Browser", place: "Approximate place", ip: "IP address", started: "Started", lastSeen: "Last active",
    thisSession: "this session", revoke: "Close", revokeOthers: "Close every other session",
    placesTitle: "Known places",
    placesIntro: (period: string) => `A sign-in from a place (country and network operator) missing from this list needs a code sent by email. A place unused for ${period} is forgotten.`,
    placesNone: "No known place: the next sign-in will need a code.", operator: "Operator", firstSeen: "First seen", remove: "Forget",
    trustedTitle: "Trusted networks",
    sharingRule: (max: number, window: string, events: number, lockWindow: string) =>
      `Account-sharing rule: downloads from more than ${max} networks within ${window} are refused; ${events} refusals within ${lockWindow} lock the account. Remote links (remote=1) are exempt.`,
    trustedIntro: (v4: number, v6: number) => `Declare your networks (home, family): together they count as one. A network is a /${v4} prefix in IPv4, /${v6} in IPv6.`,
    trustedNone: "No trusted network.", network: "Network", label: "Name", current: (network: string) => `Current network: ${network}`,
    addressField: "An IP address in that network (empty: the current network)", labelField: "Name (for example “Home”)", add: "Add this network",
    appsTitle: "API token and apps", tokenLine: (made: string, used: string | null) => `Private token created on ${made}${used ? `, last used on ${used}` : ", never used"}.`,
    tokenNone: "No private token.", appsNone: "No connected app.", connected: "Connected", disconnect: "Disconnect", never: "never",
    eventsTitle: "Security events", eventsNone: "No event.", when: "Time", what: "Event", caused: "Effect", causedBy: (id: number) => `caused by event #${id}`,
    historyTitle: "Login history", historyIntro: (period: string) => `Every sign-in attempt of the last ${period}.`, historyNone: "No sign-in recorded.",
    outcome: "Outcome", prev: "Newer", next: "Older", pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
    unknown: "unknown",
  },
} as const;

const EVENTS = {
  fr: {
    new_place_sign_in: "Connexion depuis un nouveau lieu, confirmée par le code", unusual_activity_sign_in: "Connexion depuis un réseau inhabituel pendant une attaque, confirmée par le code",
    new_place_device: "Appareil d'un nouveau lieu autorisé, confirmé par le code", session_revoked_by_mail: "Session fermée depuis le lien de l'e-mail",
    sessions_revoked: "Déconnexion partout", password_changed: "Mot de passe changé", password_reset: "Mot de passe réinitialisé", credentials_revoked: "Déconnexion partout, jeton et applications compris",
    sharing_refused: "Téléchargement refusé : trop de réseaux à la fois", account_locked: "Compte verrouillé", account_unlocked: "Compte déverrouillé", known_place_removed: "Lieu oublié",
  },
  en: {
    new_place_sign_in: "Sign-in from a new place, confirmed by the code", unusual_activity_sign_in: "Sign-in from an unusual network during an attack, confirmed by the code",
    new_place_device: "Device from a new place authorized, confirmed by the code", session_revoked_by_mail: "Session closed from the email's link",
    sessions_revoked: "Logged out everywhere", password_changed: "Password changed", password_reset: "Password reset", credentials_revoked: "Logged out everywhere, token and apps included",
    sharing_refused: "Download refused: too many networks at once", account_locked: "Account locked", account_unlocked: "Account unlocked", known_place_removed: "Place forgotten",
  },
} as const;

const ACTIONS = {
  fr: {
    signed_in: "session ouverte, lieu mémorisé, e-mail envoyé", device_authorized: "appareil autorisé, lieu mémorisé", session_revoked: "session fermée", sessions_revoked: "sessions fermées",
    credentials_revoked: "sessions, jeton d'API et applications révoqués", download_refused: "téléchargement refusé, e-mail envoyé", account_locked: "compte verrouillé, lien de déverrouillage envoyé",
    account_unlocked: "compte déverrouillé", place_forgotten: "lieu oublié",
  },
  en: {
    signed_in: "session opened, place remembered, email sent", device_authorized: "device authorized, place remembered", session_revoked: "session closed", sessions_revoked: "sessions closed",
    credentials_revoked: "sessions, API token and apps revoked", download_refused: "download refused, email sent", account_locked: "account locked, unlock link sent",
    account_unlocked: "account unlocked", place_forgotten: "place forgotten",
  },
} as const;

const OUTCOMES = {
  fr: { success: "réussie", failure: "échouée", challenge: "code demandé" },
  en: { success: "succeeded", failure: "failed", challenge: "code asked" },
} as const;

const REASONS = {
  fr: { password: "mot de passe", code: "code reçu par e-mail", wrong_password: "mauvais mot de passe", unknown_email: "adresse inconnue", throttled: "trop de tentatives", reauth: "mot de passe ressaisi", reauth_failed: "mauvais mot de passe ressaisi", reauth_throttled: "trop de tentatives", wrong_code: "mauvais code", new_place: "nouveau lieu", unusual_activity: "réseau inhabituel pendant une attaque", code_limit: "trop de codes aujourd'hui", data_export: "export de vos données" },
  en: { password: "password", code: "code from email", wrong_password: "wrong password", unknown_email: "unknown address", throttled: "too many attempts", reauth: "password typed again", reauth_failed: "wrong password typed again", reauth_throttled: "too many attempts", wrong_code: "wrong code", new_place: "new place", unusual_activity: "unusual network during an attack", code_limit: "too many codes today", data_export: "export of your data" },
} as const;

function lookup<T extends Record<string, string>>(table: T, key: string): string {
  return key in table ? table[key as keyof T]! : key;
}

export function SecurityPage(props: SecurityPageProps) {
  const lang = props.language;
  const t = T[lang];
  const o = props.overview;
  const at = (ms: number | null) => (ms === null ? t.never : formatDateTime(ms, lang));
  return (
    <>
      <h1>{t.title}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      {o.lockedAt !== null ? (
        <section class="card" data-testid="locked">
          <Notice kind="error">{t.locked}</Notice>
          <form method="post" action="/account/security/unlock-link">
            <button type="submit">{t.unlockButton}</button>
          </form>
        </section>
      ) : null}

      <section class="card">
        <h2>{t.sessionsTitle}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr><th>{t.browser}</th><th>{t.place}</th><th>{t.ip}</th><th>{t.started}</th><th>{t.lastSeen}</th><th></th></tr>
            </thead>
            <tbody>
              {o.sessions.map((s) => (
                <tr data-testid="session-row" data-session-id={String(s.id)}>
                  <td>{describeUserAgent(s.userAgent) ?? t.unknown}</td>
                  <td>{describePlace({ city: s.lastCity ?? s.city, country: s.lastCountry ?? s.country, asn: s.asn }) ?? t.unknown}</td>
                  <td class="mono">{s.lastIp ?? s.ip ?? t.unknown}</td>
                  <td>{at(s.createdAt)}</td>
                  <td>{at(s.lastSeenAt)}</td>
                  <td>
                    {s.id === props.currentSessionId ? (
                      <strong>{t.thisSession}</strong>
                    ) : (
                      <form method="post" action={`/account/security/sessions/${s.id}/revoke`} class="inline">
                        <button type="submit" class="danger">{t.revoke}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {o.sessions.length > 1 ? (
          <form method="post" action="/account/security/sessions/revoke-others">
            <button type="submit" class="secondary">{t.revokeOthers}</button>
          </form>
        ) : null}
      </section>

      <section class="card">
        <h2>{t.placesTitle}</h2>
        <p class="muted">{t.placesIntro(describePeriod(findRetentionCategory("known_places").periodMs, lang))}</p>
        {o.knownPlaces.length === 0 ? <p>{t.placesNone}</p> : null}
        <ul>
          {o.knownPlaces.map((p) => (
            <li data-testid="place-row">
              {describePlace({ city: p.city, country: p.country }) ?? t.unknown} · {t.operator} {p.asn !== null ? `AS${p.asn}${p.asOrganization ? ` (${p.asOrganization})` : ""}` : t.unknown} — {t.lastSeen} {at(p.lastSeenAt)}
              <form method="post" action={`/account/security/places/${p.id}/remove`} class="inline">
                <button type="submit" class="secondary">{t.remove}</button>
              </form>
            </li>
          ))}
        </ul>
      </section>

      <section class="card">
        <h2>{t.trustedTitle}</h2>
        <p>{t.sharingRule(SHARING_MAX_NETWORKS, describeDuration(SHARING_WINDOW_MS, lang), SHARING_EVENTS_BEFORE_LOCK, describeDuration(SHARING_LOCK_WINDOW_MS, lang))}</p>
        <p class="muted">{t.trustedIntro(LINK_BINDING_PREFIX_BITS.ipv4, LINK_BINDING_PREFIX_BITS.ipv6)} {t.current(props.currentNetwork)}</p>
        {o.trustedNetworks.length === 0 ? <p>{t.trustedNone}</p> : null}
        <ul>
          {o.trustedNetworks.map((n) => (
            <li data-testid="trusted-row">
              {n.label} — <span class="mono">{n.network}</span>
              <form method="post" action={`/account/security/trusted/${n.id}/remove`} class="inline">
                <button type="submit" class="secondary">{t.remove}</button>
              </form>
            </li>
          ))}
        </ul>
        <form method="post" action="/account/security/trusted">
          <label for="field-address">
            {t.addressField}
            <input id="field-address" name="address" type="text" maxlength={64} />
          </label>
          <label for="field-label">
            {t.labelField}
            <input id="field-label" name="label" type="text" maxlength={64} />
          </label>
          <button type="submit">{t.add}</button>
        </form>
      </section>

      <section class="card">
        <h2>{t.appsTitle}</h2>
        <p>{o.privateToken ? t.tokenLine(formatDateTime(o.privateToken.createdAt, lang), o.privateToken.lastUsedAt === null ? null : formatDateTime(o.privateToken.lastUsedAt, lang)) : t.tokenNone}</p>
        {o.apps.length === 0 ? <p>{t.appsNone}</p> : null}
        <ul>
          {o.apps.map((app) => (
            <li>
              {app.name} — {t.connected} {at(app.connectedAt)}, {t.lastSeen} {at(app.lastUsedAt)}
              <form method="post" action="/account/apps/revoke" class="inline">
                <input type="hidden" name="family_id" value={app.familyId} />
                <button type="submit" class="danger">{t.disconnect}</button>
              </form>
            </li>
          ))}
        </ul>
      </section>

      <section class="card">
        <h2>{t.eventsTitle}</h2>
        {o.events.length === 0 ? <p>{t.eventsNone}</p> : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr><th>{t.when}</th><th>{t.what}</th><th>{t.place}</th><th>{t.network}</th><th>{t.caused}</th></tr>
              </thead>
              <tbody>
                {o.events.map((e) => (
                  <tr data-testid="event-row" id={`event-${e.id}`} data-kind={e.kind}>
                    <td>{at(e.at)}</td>
                    <td>{lookup(EVENTS[lang], e.kind)} <span class="muted">#{e.id}</span></td>
                    <td>{describePlace({ city: e.city, country: e.country, asn: e.asn }) ?? "—"}</td>
                    <td class="mono">{e.network ?? "—"}</td>
                    <td>
                      {lookup(ACTIONS[lang], e.action)}
                      {e.causedBy !== null ? <> (<a href={`#event-${e.causedBy}`}>{t.causedBy(e.causedBy)}</a>)</> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="card">
        <h2>{t.historyTitle}</h2>
        <p class="muted">{t.historyIntro(describePeriod(findRetentionCategory("login_events").periodMs, lang))}</p>
        {o.loginHistory.entries.length === 0 ? <p>{t.historyNone}</p> : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr><th>{t.when}</th><th>{t.outcome}</th><th>{t.ip}</th><th>{t.place}</th><th>{t.browser}</th></tr>
              </thead>
              <tbody>
                {o.loginHistory.entries.map((h) => (
                  <tr data-testid="history-row" data-result={h.result}>
                    <td>{at(h.at)}</td>
                    <td>{lookup(OUTCOMES[lang], h.result)} ({lookup(REASONS[lang], h.reason)})</td>
                    <td class="mono">{h.ip ?? t.unknown}</td>
                    <td>{describePlace({ city: h.city, country: h.country, asn: h.asn }) ?? t.unknown}</td>
                    <td>{describeUserAgent(h.userAgent) ?? t.unknown}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {props.pages > 1 ? (
          <p>
            {props.page > 1 ? <a href={`/account/security?page=${props.page - 1}`}>{t.prev}</a> : null} {t.pageOf(props.page, props.pages)}{" "}
            {props.page < props.pages ? <a href={`/account/security?page=${props.page + 1}`}>{t.next}</a> : null}
          </p>
        ) : null}
      </section>
    </>
  );
}

export { T as SECURITY_TEXT };
