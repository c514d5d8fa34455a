/** The account page: address, premium status, API token, connected apps, password and address changes. */
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../config";
import type { Language } from "../lib/language";
import { describePeriod, findRetentionCategory } from "../retention/policy";
import { Field, Notice } from "./form";
import { PaymentsSection, type PaymentsSectionProps } from "./payments-section";

export type AccountPageProps = {
  language: Language;
 
  email: string;
  emailVerified: boolean;
  premiumUntil: number | null;
  now: number;
  token: { createdAt: number; lastUsedAt: number | null } | null;
  /** A token just made: the only time it is shown. */
  newToken?: string;
  apps: { familyId: string; name: string; connectedAt: number; lastUsedAt: number | null }[];
  notice?: string;
  error?: string;
  /** The password was not typed in the last 10 minutes: sensitive forms ask for it. */
  needsPassword: boolean;
  payments?: PaymentsSectionProps;
};

const T = {
  fr: {
    title: "Mon compte", address: "Adresse e-mail :", verified: "confirmée",
    unverified: (period: string) => `non confirmée : confirmez-la pour débrider des liens (le compte est supprimé ${period} après l'inscription sinon).`,
    resend: "Renvoyer le lien de confirmation", premium: "Premium", premiumUntil: "jusqu'au", free: "Compte gratuit",
    tokenTitle: "Jeton d'API privé", tokenNone: "Aucun jeton pour l'instant.", tokenMade: "créé le", tokenUsed: "dernière utilisation le",
    tokenShownOnce: "Voici votre nouveau jeton. Copiez-le maintenant : il ne sera plus jamais affiché.", tokenButton: "Créer un nouveau jeton (l'ancien cesse de fonctionner)",
    appsTitle: "Applications connectées", appsNone: "Aucune application connectée.", connected: "connectée le", revoke: "Déconnecter",
    passwordTitle: "Changer de mot de passe", current: "Mot de passe actuel", newPassword: "Nouveau mot de passe", passwordButton: "Changer le mot de passe",
    passwordNote: "Toutes vos autres sessions seront fermées, votre jeton d'API privé révoqué et toutes les applications connectées déconnectées : il faudra les reconnecter.",
    emailTitle: "Changer d'adresse e-mail", newEmail: "Nouvelle adresse", emailButton: "Envoyer la confirmation",
    deviceTitle: "Autoriser un appareil", deviceLink: "Saisir le code d'un appareil",
    sessionsTitle: "Sessions", sessionsText: "Fermez toutes les sessions ouvertes avec votre compte, sur tous les navigateurs, celle-ci comprise.", sessionsButton: "Me déconnecter partout",
    sessionsCredentials: "Révoquer aussi le jeton d'API privé et toutes les applications connectées",
    securityLink: "Sécurité : sessions, lieux, historique des connexions", settingsLink: "Réglages et avatar",
    dataLink: "Mes données : voir, télécharger, rectifier", deleteLink: "Supprimer mon compte",
  },
  en: {
    title: "My account", address: "Email address:", verified: "confirmed",
    unverified: (period: string) => `not confirmed: confirm it to unrestrict links (otherwise the account is deleted ${period} after sign-up).`,
    resend: "Send the confirmation link again", premium: "Premium", premiumUntil: "until", free: "Free account",
    tokenTitle: "Private API token", tokenNone: "No token yet.", tokenMade: "created on", tokenUsed: "last used on",
    tokenShownOnce: "Here is your new token. Copy it now: it will never be shown again.", tokenButton: "Create a new token (the old one stops working)",
    appsTitle: "Connected apps", appsNone: "No connected app.", connected: "connected on", revoke: "Disconnect",
    passwordTitle: "Change password", current: "Current password", newPassword: "New password", passwordButton: "Change the password",
    passwordNote: "All your other sessions will be closed, your private API token revoked and every connected app disconnected: you will have to connect them again.",
    emailTitle: "Change email address", newEmail: "New address", emailButton: "Send the confirmation",
    deviceTitle: "Authorize a device", deviceLink: "Enter a device's code",
    sessionsTitle: "Sessions", sessionsText: "Close every session of your account, in every browser, this one included.", sessionsButton: "Log out everywhere",
    sessionsCredentials: "Also revoke the private API token and every connected app",
    securityLink: "Security: sessions, places, login history", settingsLink: "Settings and avatar",
    dataLink: "My data: see, download, correct", deleteLink: "Delete my account",
  },
} as const;

function day(at: number, language: Language): string {
  return new Date(at).toLocaleDateString(language === "fr" ? "fr-FR" : "en-GB", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

export function AccountPage(props: AccountPageProps) {
  const t = T[props.language];
  const premium = props.premiumUntil !== null && props.premiumUntil > props.now;
  return (
    <>
      <h1>{t.title}</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <section class="card">
        <p>
          {t.address} <strong data-testid="account-email">{props.email}</strong> — {props.emailVerified ? t.verified : t.unverified(describePeriod(findRetentionCategory("unverified_accounts").periodMs, props.language))}
        </p>
        {props.emailVerified ? null : (
          <form method="post" action="/account/verify-email/resend">
            <button type="submit" class="secondary">{t.resend}</button>
          </form>
        )}
        <p>{premium ? `${t.premium} ${t.premiumUntil} ${day(props.premiumUntil!, props.language)}` : t.free}</p>
      </section>
      {props.payments ? <PaymentsSection {...props.payments} /> : null}

      <section class="card">
        <h2>{t.tokenTitle}</h2>
        {props.newToken ? (
          <Notice kind="ok">
            {t.tokenShownOnce} <code data-testid="new-token">{props.newToken}</code>
          </Notice>
        ) : null}
        <p>{props.token ? `${t.tokenMade} ${day(props.token.createdAt, props.language)}${props.token.lastUsedAt ? `, ${t.tokenUsed} ${day(props.token.lastUsedAt, props.language)}` : ""}` : t.tokenNone}</p>
        <form method="post" action="/account/api-token">
          {props.needsPassword ? <Field label={t.current} name="current_password" type="password" autocomplete="current-password" maxlength={PASSWORD_MAX_LENGTH} /> : null}
          <button type="submit" class="secondary">{t.tokenButton}</button>
        </form>
      </section>

      <section class="card">
        <h2>{t.appsTitle}</h2>
        {props.apps.length === 0 ? <p>{t.appsNone}</p> : null}
        <ul>
          {props.apps.map((app) => (
            <li>
              {app.name}, {t.connected} {day(app.connectedAt, props.language)}
              <form method="post" action="/account/apps/revoke">
                <input type="hidden" name="family_id" value={app.familyId} />
                <button type="submit" class="danger">{t.revoke}</button>
              </form>
            </li>
          ))}
        </ul>
        <p>
          <a href="/device">{t.deviceLink}</a>
        </p>
      </section>

      <section class="card">
        <h2>{t.passwordTitle}</h2>
        <form method="post" action="/account/password">
          <Field label={t.current} name="current_password" type="password" autocomplete="current-password" maxlength={PASSWORD_MAX_LENGTH} />
          <Field label={t.newPassword} name="new_password" type="password" autocomplete="new-password" minlength={PASSWORD_MIN_LENGTH} maxlength={PASSWORD_MAX_LENGTH} />
          <p class="muted">{t.passwordNote}</p>
          <button type="submit">{t.passwordButton}</button>
        </form>
      </section>

      <section class="card">
        <h2>{t.sessionsTitle}</h2>
        <p>{t.sessionsText}</p>
        <form method="post" action="/account/sessions/revoke">
          <label class="inline">
            <input type="checkbox" name="credentials" value="1" checked /> {t.sessionsCredentials}
          </label>
          <button type="submit" class="danger">{t.sessionsButton}</button>
        </form>
        <p>
          <a href="/account/security">{t.securityLink}</a> · <a href="/account/settings">{t.settingsLink}</a>
        </p>
        <p>
          <a href="/account/data">{t.dataLink}</a> · <a href="/account/delete">{t.deleteLink}</a>
        </p>
      </section>

      <section class="card">
        <h2>{t.emailTitle}</h2>
        <form method="post" action="/account/email">
          <Field label={t.newEmail} name="new_email" type="email" autocomplete="email" maxlength={254} />
          <Field label={t.current} name="current_password" type="password" autocomplete="current-password" maxlength={PASSWORD_MAX_LENGTH} />
          <button type="submit">{t.emailButton}</button>
        </form>
      </section>
    </>
  );
}

export { T as ACCOUNT_TEXT };
