/**
 * The retention policy: every category of personal data Relais keeps, why, and for how long.
 * The sweeps, the privacy page and the tests all read this module; no other place states a period.
 */
import {
  ACCESS_TOKEN_LIFETIME_MS,
  API_CALLS_PER_MINUTE,
  DEVICE_CODE_LIFETIME_MS,
  LOGIN_CODE_LIFETIME_MS,
  RESET_PASSWORD_TOKEN_LIFETIME_MS,
  SESSION_IDLE_TIMEOUT_MS,
  SHARING_WINDOW_MS,
  VERIFY_EMAIL_TOKEN_LIFETIME_MS,
} from "../config";
import { describeDuration } from "../lib/duration";
import type { Language, Localized } from "../lib/language";
import { DAY_MS, HOUR_MS, SECOND_MS } from "../lib/time";

export type Store = "DB" | "JOURNAL";

export type RetentionCategory = {
  id: string;
  /** What is kept, in the policy's words. */
  data: Localized;
  purpose: Localized;
  /** How long a record may live; null = for as long as the account exists. */
  periodMs: number | null;
  /** Where the sweep finds the records. Absent when the category has no table to sweep. */
  sweep?: {
    store: Store;
    table: string;
    /** Column holding the instant (ms since epoch) the period runs from. */
    timeColumn: string;
    /** Extra SQL condition (no parameters) that a row must meet to expire. */
    where?: string;
    /** Column holding the account id, so that rows under a legal hold can be skipped. */
    accountColumn?: string;
    /** A legal hold on the account (for this category) keeps the rows; see retention/holds.ts. */
    holdable?: boolean;
    /** Any hold on the account keeps the row: deleting it would cascade to every held category. */
    anyHoldKeeps?: boolean;
    /** Column holding the IP's sortable key, so that holds by IP prefix and time window keep rows too. */
    ipKeyColumn?: string;
    /** The time column holds a deadline (expires_at): rows go once it has passed, whatever the period. */
    deadline?: boolean;
  };
  /**
   * The legal basis on which account deletion keeps this category's records, locked away, until
   * their own period ends. Absent: account deletion removes the account's records at once.
   */
  keptAfterClosure?: Localized;
};

/** Sweeps run hourly; each deletes records one interval before their deadline, so none outlives it. */
export const SWEEP_INTERVAL_MS = HOUR_MS;

export const REQUEST_JOURNAL_RETENTION_DAYS = 365;
export const DOWNLOAD_LINK_RETENTION_DAYS = 30;
export const RETENTION_RUN_RETENTION_DAYS = 90;
/** The legal register, its exports and holds, and the audit log of staff actions: 6 years of 365 days (security-and-privacy.md §7). */
export const LEGAL_RECORD_RETENTION_DAYS = 6 * 365;
export const UNVERIFIED_ACCOUNT_RETENTION_DAYS = 7;
export const LOGIN_EVENT_RETENTION_DAYS = 365;
export const RATE_LIMIT_RETENTION_DAYS = 1;
export const DEV_MAILBOX_RETENTION_DAYS = 7;
/** Daily traffic totals: long enough for traffic/details (31 days back) and fair-usage reviews over a quarter. */
export const TRAFFIC_COUNTER_RETENTION_DAYS = 90;
/** Rows of running download connections are removed when each ends; a day catches those a crash left behind. */
export const ACTIVE_TRANSFER_RETENTION_DAYS = 1;
/** Per-minute API call counters only serve the current minute; a day leaves room for investigation of abuse. */
export const RATE_LIMIT_WINDOW_RETENTION_DAYS = 1;
/**
 * Accounting records: 10 years from the end of the financial year (Code de commerce, art. L123-22),
 * which also covers the EU VAT evidence of the buyer's country. The financial year is taken as the
 * calendar year.
 */
export const PAYMENT_RECORD_RETENTION_YEARS = 10;
/** Processed provider event ids: Stripe retries an event for 3 days; 90 days covers any late replay. */
export const PAYMENT_EVENT_RETENTION_DAYS = 90;

/** When a payment record changed at `at` may be deleted: the end of `at`'s financial year plus the legal period. */
export function paymentRecordDeadline(at: number): number {
  return Date.UTC(new Date(at).getUTCFullYear() + 1 + PAYMENT_RECORD_RETENTION_YEARS, 0, 1);
}

/**
 * "This audit row is past its period by the database's clock": the condition of the audit log's
 * DELETE trigger and of its sweep (a test checks that the trigger holds this very text).
 */
export const AUDIT_LOG_DELETABLE_SQL = `at < CAST(strftime('%s', 'now') AS INTEGER) * ${SECOND_MS} - ${LEGAL_RECORD_RETENTION_DAYS * DAY_MS}`;
/** Hoster outcome counters are read over the last hour; a day leaves room to look into an outage. */
export const HOSTER_OUTCOME_RETENTION_DAYS = 1;

/** Security events, like login history: a year, to explain to the owner what happened and to investigate theft. */
export const SECURITY_EVENT_RETENTION_DAYS = 365;
/** A known place not used for this long is forgotten: the next sign-in from there needs the mailed code again. */
export const KNOWN_PLACE_RETENTION_DAYS = 90;
/** Networks an account downloaded from serve only the sharing rule's window; a day leaves room to explain a refusal. */
export const DOWNLOAD_NETWORK_RETENTION_DAYS = 1;
/** An avatar picture is kept a year after its upload (or until deleted, with the account or by its owner). */
export const AVATAR_RETENTION_DAYS = 365;
/** Identification data of a closed account (French décret 2021-1362: a year after the account's closure). */
export const CLOSED_ACCOUNT_RETENTION_DAYS = 365;

export const RETENTION_CATEGORIES = [
  {
    id: "accounts",
    data: {
      fr: "Compte : adresse e-mail, empreinte du mot de passe, date, adresse IP et localisation approximative de l'inscription",
      en: "Account: email address, password hash, date, IP address and approximate location of sign-up",
    },
    purpose: {
      fr: "Fournir le service, vous connecter, protéger le compte ; l'e-mail reste à usage interne, jamais vendu ni cédé",
      en: "Providing the service, signing you in, protecting the account; the email stays internal, never sold or shared",
    },
    periodMs: null,
  },
  {
    id: "api_tokens",
    data: {
      fr: "Jetons d'accès à l'API (seule leur empreinte est conservée) et applications connectées",
      en: "API access tokens (only their hash is kept) and connected apps",
    },
    purpose: { fr: "Permettre à vos applications d'utiliser votre compte", en: "Letting your apps use your account" },
    periodMs: null,
  },
  {
    id: "unverified_accounts",
    data: {
      fr: "Comptes dont l'adresse e-mail n'a jamais été confirmée, avec tout ce qui leur est rattaché",
      en: "Accounts whose email address was never confirmed, with everything attached to them",
    },
    purpose: { fr: "Ne pas garder d'inscriptions abandonnées ou faites avec l'adresse d'autrui", en: "Not keeping abandoned sign-ups, or sign-ups made with someone else's address" },
    periodMs: UNVERIFIED_ACCOUNT_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "accounts", timeColumn: "created_at", where: "email_verified_at IS NULL", accountColumn: "id", holdable: true, anyHoldKeeps: true },
  },
  {
    id: "closed_accounts",
    data: {
      fr: "Comptes fermés : adresse e-mail, identifiant du compte, date et adresse IP de l'inscription, dernière empreinte du mot de passe",
      en: "Closed accounts: email address, account id, sign-up date and IP address, last password hash",
    },
    purpose: {
      fr: "Obligation légale de conservation des données d'identification ; mises à l'écart : rien ne s'en sert, sinon une réponse à une autorité dans le cadre d'une procédure légale. L'adresse est libre pour une nouvelle inscription dès la fermeture",
      en: "Legal obligation to keep identification data; locked away: nothing uses them but an answer to an authority under a legal procedure. The address is free for a new sign-up as soon as the account is closed",
    },
    periodMs: CLOSED_ACCOUNT_RETENTION_DAYS * DAY_MS,
    // Any hold on the account keeps its identification: an investigation needs to know whose data it holds.
    sweep: { store: "DB", table: "closed_accounts", timeColumn: "closed_at", accountColumn: "account_id", holdable: true, anyHoldKeeps: true },
    keptAfterClosure: {
      fr: "Décret n° 2021-1362 du 20 octobre 2021 relatif à la conservation des données permettant d'identifier toute personne ayant contribué à la création d'un contenu mis en ligne",
      en: "French décret no. 2021-1362 of 20 October 2021 on keeping the data that identifies anyone who contributed content put online",
    },
  },
  {
    id: "sessions",
    data: {
      fr: "Sessions de connexion (seule l'empreinte du cookie est conservée), avec le navigateur, l'adresse IP et la localisation approximative de leur ouverture et de leur dernière utilisation",
      en: "Login sessions (only a hash of the cookie is kept), with the browser, IP address and approximate location where each started and was last used",
    },
    purpose: {
      fr: `Vous garder connecté ; la session expire ${describeDuration(SESSION_IDLE_TIMEOUT_MS, "fr")} après la dernière utilisation`,
      en: `Keeping you logged in; a session expires ${describeDuration(SESSION_IDLE_TIMEOUT_MS, "en")} after its last use`,
    },
    periodMs: SESSION_IDLE_TIMEOUT_MS,
    sweep: { store: "DB", table: "sessions", timeColumn: "expires_at", deadline: true, accountColumn: "account_id" },
  },
  {
    id: "expired_api_tokens",
    data: { fr: "Jetons des applications connectées (seule leur empreinte est conservée), jusqu'à leur expiration", en: "Tokens of connected apps (only their hash is kept), until they expire" },
    purpose: { fr: "Permettre à vos applications d'utiliser votre compte ; supprimés dès leur expiration", en: "Letting your apps use your account; deleted once expired" },
    periodMs: ACCESS_TOKEN_LIFETIME_MS,
    sweep: { store: "DB", table: "api_tokens", timeColumn: "expires_at", deadline: true, accountColumn: "account_id" },
  },
  {
    id: "oauth_clients",
    data: { fr: "Identifiants des applications que vous avez autorisées (seule l'empreinte du secret est conservée)", en: "Credentials of the apps you authorized (only a hash of the secret is kept)" },
    purpose: { fr: "Permettre à vos applications de renouveler leur accès", en: "Letting your apps renew their access" },
    periodMs: null,
  },
  {
    id: "email_tokens",
    data: { fr: "Liens envoyés par e-mail (confirmation d'adresse, mot de passe oublié, changement d'adresse), sous forme d'empreinte", en: "Links sent by email (address confirmation, forgotten password, address change), as hashes" },
    purpose: {
      fr: `Vérifier le lien ; supprimé à l'usage ou à l'expiration (${describeDuration(RESET_PASSWORD_TOKEN_LIFETIME_MS, "fr")} à ${describeDuration(VERIFY_EMAIL_TOKEN_LIFETIME_MS, "fr")})`,
      en: `Checking the link; deleted on use or expiry (${describeDuration(RESET_PASSWORD_TOKEN_LIFETIME_MS, "en")} to ${describeDuration(VERIFY_EMAIL_TOKEN_LIFETIME_MS, "en")})`,
    },
    periodMs: VERIFY_EMAIL_TOKEN_LIFETIME_MS,
    sweep: { store: "DB", table: "email_tokens", timeColumn: "expires_at", deadline: true, accountColumn: "account_id" },
  },
  {
    id: "device_codes",
    data: { fr: "Codes d'autorisation d'appareils, avec le pays et la ville approximatifs de l'appareil", en: "Device authorization codes, with the device's approximate country and city" },
    purpose: { fr: "Relier une application à votre compte ; supprimés à l'usage ou à l'expiration", en: "Linking an app to your account; deleted on use or expiry" },
    periodMs: DEVICE_CODE_LIFETIME_MS,
    sweep: { store: "DB", table: "device_codes", timeColumn: "expires_at", deadline: true, accountColumn: "approved_account_id" },
  },
  {
    id: "login_events",
    data: {
      fr: "Historique des connexions : date, résultat, adresse IP et son réseau, pays, ville, opérateur, navigateur (jamais l'adresse ni le mot de passe saisis)",
      en: "Login history: time, result, IP address and its network, country, city, network operator, browser (never the address or password typed)",
    },
    purpose: { fr: "Protéger votre compte contre le vol", en: "Protecting your account against theft" },
    periodMs: LOGIN_EVENT_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "login_events", timeColumn: "at", accountColumn: "account_id", holdable: true },
  },
  {
    id: "known_places",
    data: {
      fr: "Lieux de connexion connus du compte : pays, opérateur (ASN), dernière ville vue, dates de première et de dernière utilisation",
      en: "The account's known sign-in places: country, network operator (ASN), last city seen, first and last use",
    },
    purpose: {
      fr: "Protéger votre compte contre le vol : une connexion depuis un lieu inconnu demande un code envoyé par e-mail",
      en: "Protecting your account against theft: a sign-in from an unknown place needs a code sent by email",
    },
    periodMs: KNOWN_PLACE_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "known_places", timeColumn: "last_seen_at", accountColumn: "account_id" },
  },
  {
    id: "login_challenges",
    data: {
      fr: "Connexions en attente du code envoyé par e-mail : empreinte du code, adresse IP, localisation approximative, navigateur",
      en: "Sign-ins waiting for the code sent by email: hash of the code, IP address, approximate location, browser",
    },
    purpose: {
      fr: `Vérifier le code ; supprimées à l'usage ou à l'expiration (${describeDuration(LOGIN_CODE_LIFETIME_MS, "fr")})`,
      en: `Checking the code; deleted on use or expiry (${describeDuration(LOGIN_CODE_LIFETIME_MS, "en")})`,
    },
    periodMs: LOGIN_CODE_LIFETIME_MS,
    sweep: { store: "DB", table: "login_challenges", timeColumn: "expires_at", deadline: true, accountColumn: "account_id" },
  },
  {
    id: "security_events",
    data: {
      fr: "Événements de sécurité : connexions depuis un nouveau lieu, sessions révoquées, téléchargements refusés pour partage de compte, verrouillages, avec l'adresse IP, le réseau et la localisation approximative",
      en: "Security events: sign-ins from new places, revoked sessions, downloads refused for account sharing, locks, with the IP address, network and approximate location",
    },
    purpose: {
      fr: "Protéger votre compte contre le vol et vous montrer ce qui s'est passé et pourquoi",
      en: "Protecting your account against theft and showing you what happened and why",
    },
    periodMs: SECURITY_EVENT_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "security_events", timeColumn: "at", accountColumn: "account_id" },
  },
  {
    id: "trusted_networks",
    data: { fr: "Réseaux que vous avez déclarés sûrs (préfixe d'adresse IP et nom)", en: "Networks you declared trusted (IP address prefix and name)" },
    purpose: { fr: "Compter votre foyer et votre famille comme un seul réseau pour la règle de partage de compte", en: "Counting your home and family as one network for the account-sharing rule" },
    periodMs: null,
  },
  {
    id: "download_networks",
    data: { fr: "Réseaux (préfixes d'adresse IP) depuis lesquels le compte a téléchargé récemment", en: "Networks (IP address prefixes) the account downloaded from recently" },
    purpose: {
      fr: `Appliquer la règle de partage de compte (fenêtre de ${describeDuration(SHARING_WINDOW_MS, "fr")}) et l'expliquer`,
      en: `Applying the account-sharing rule (a ${describeDuration(SHARING_WINDOW_MS, "en")} window) and explaining it`,
    },
    periodMs: DOWNLOAD_NETWORK_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "download_networks", timeColumn: "last_seen_at", accountColumn: "account_id" },
  },
  {
    id: "account_settings",
    data: { fr: "Réglages du compte : serveur de téléchargement choisi, préférences de lecture", en: "Account settings: chosen download server, playback preferences" },
    purpose: { fr: "Appliquer vos choix", en: "Applying your choices" },
    periodMs: null,
  },
  {
    id: "avatars",
    data: { fr: "Image d'avatar que vous avez envoyée (PNG, JPEG, GIF ou WebP)", en: "The avatar picture you uploaded (PNG, JPEG, GIF or WebP)" },
    purpose: { fr: "L'afficher à vos applications ; supprimable à tout moment", en: "Showing it to your apps; you can delete it at any time" },
    periodMs: AVATAR_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "avatars", timeColumn: "uploaded_at", accountColumn: "account_id" },
  },
  {
    id: "rate_limits",
    data: { fr: "Compteurs de tentatives par compte et par réseau (adresse IPv4 ou préfixe IPv6 /64)", en: "Attempt counters per account and per network (IPv4 address or IPv6 /64 prefix)" },
    purpose: { fr: "Freiner les attaques par force brute et les inscriptions en masse", en: "Slowing brute-force attacks and mass sign-ups" },
    periodMs: RATE_LIMIT_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "rate_limits", timeColumn: "updated_at" },
  },
  {
    id: "dev_mailbox",
    data: { fr: "Boîte mail locale de développement (vide en production)", en: "Local development mailbox (empty in production)" },
    purpose: { fr: "Tester les e-mails sans les envoyer", en: "Testing mails without sending them" },
    periodMs: DEV_MAILBOX_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "dev_mailbox", timeColumn: "created_at" },
  },
  {
    id: "request_journal",
    data: {
      fr: "Chaque requête adressée au site : date, adresse IP publique, localisation approximative (pays, région, ville, fuseau, opérateur), méthode, adresse demandée (secrets masqués, sans lien ni nom de fichier), statut, durée, taille, navigateur, compte",
      en: "Every request to the site: time, public IP address, approximate location (country, region, city, time zone, network operator), method, address requested (secrets masked, no file link or name), status, duration, size, browser, account",
    },
    purpose: {
      fr: "Obligation légale de conservation des données de connexion ; sécurité du service",
      en: "Legal obligation to keep connection data; security of the service",
    },
    periodMs: REQUEST_JOURNAL_RETENTION_DAYS * DAY_MS,
    sweep: { store: "JOURNAL", table: "request_journal", timeColumn: "at", accountColumn: "account_id", holdable: true, ipKeyColumn: "ip_key" },
    keptAfterClosure: {
      fr: "Code des postes et des communications électroniques, art. L34-1, et décret n° 2021-1362 du 20 octobre 2021 : données techniques de connexion, conservées à compter de chaque requête",
      en: "French Post and Electronic Communications Code, art. L34-1, and décret no. 2021-1362 of 20 October 2021: technical connection data, kept from each request",
    },
  },
  {
    id: "download_links",
    data: {
      fr: "Liens des fichiers téléchargés : lien d'origine, nom et taille du fichier, lien généré, adresse IP et localisation du demandeur",
      en: "Links of downloaded files: original link, file name and size, generated link, requester's IP address and location",
    },
    purpose: {
      fr: "Fournir le téléchargement et l'historique de l'utilisateur",
      en: "Providing the download and the user's history",
    },
    periodMs: DOWNLOAD_LINK_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "downloads", timeColumn: "generated_at", accountColumn: "account_id" },
  },
  {
    id: "traffic_counters",
    data: {
      fr: "Trafic par jour et par hébergeur : octets téléchargés et nombre de liens générés (ni lien ni nom de fichier)",
      en: "Traffic per day and file hoster: bytes downloaded and number of links generated (no link, no file name)",
    },
    purpose: {
      fr: "Appliquer les quotas quotidiens et vous montrer votre consommation",
      en: "Applying daily quotas and showing you your usage",
    },
    periodMs: TRAFFIC_COUNTER_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "traffic_daily", timeColumn: "day_at", accountColumn: "account_id", holdable: true },
  },
  {
    id: "remote_traffic",
    data: { fr: "Trafic distant par jour : octets téléchargés avec des liens distants (remote=1)", en: "Remote traffic per day: bytes downloaded with remote links (remote=1)" },
    purpose: { fr: "Appliquer le quota quotidien de trafic distant", en: "Applying the daily remote-traffic allowance" },
    periodMs: TRAFFIC_COUNTER_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "remote_traffic_daily", timeColumn: "day_at", accountColumn: "account_id" },
  },
  {
    id: "active_transfers",
    data: {
      fr: "Téléchargements en cours : compte et heure de début de chaque connexion",
      en: "Downloads in progress: account and start time of each connection",
    },
    purpose: { fr: "Limiter le nombre de téléchargements simultanés", en: "Limiting how many downloads run at once" },
    periodMs: ACTIVE_TRANSFER_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "active_transfers", timeColumn: "started_at", accountColumn: "account_id" },
  },
  {
    id: "api_rate_windows",
    data: {
      fr: "Nombre d'appels à l'API par jeton et par minute",
      en: "Number of API calls per token and minute",
    },
    purpose: { fr: `Limiter le débit des appels à l'API (${API_CALLS_PER_MINUTE} par minute)`, en: `Rate-limiting API calls (${API_CALLS_PER_MINUTE} a minute)` },
    periodMs: RATE_LIMIT_WINDOW_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "api_rate_windows", timeColumn: "window_at" },
  },
  {
    id: "payments",
    data: {
      fr: "Paiements : références du prestataire de paiement, montant, devise, formule, statut, dates, pays de l'adresse IP et pays de facturation de l'acheteur (jamais de données de carte, ni nom, ni adresse, ni adresse IP)",
      en: "Payments: payment provider references, amount, currency, plan, status, dates, the buyer's IP country and billing country (never card data, name, address or IP address)",
    },
    purpose: {
      fr: "Obligation légale de conservation des pièces comptables (Code de commerce, art. L123-22) et preuve du lieu de l'acheteur pour la TVA ; conservées après la fermeture du compte ; la durée court à partir de la fin de l'exercice comptable",
      en: "Legal obligation to keep accounting records (French Commercial Code, art. L123-22) and evidence of the buyer's place for VAT; kept after the account is closed; the period runs from the end of the financial year",
    },
    periodMs: PAYMENT_RECORD_RETENTION_YEARS * 365 * DAY_MS,
    sweep: { store: "DB", table: "payments", timeColumn: "keep_until", deadline: true, accountColumn: "account_id", holdable: true },
    keptAfterClosure: {
      fr: "Code de commerce, art. L123-22 (pièces comptables, à compter de la fin de l'exercice) et preuve du lieu de l'acheteur pour la TVA",
      en: "French Commercial Code, art. L123-22 (accounting records, from the end of the financial year) and evidence of the buyer's place for VAT",
    },
  },
  {
    id: "payment_events",
    data: {
      fr: "Identifiants des notifications du prestataire de paiement déjà traitées, avec leur type et leur date (rien d'autre)",
      en: "Ids of the payment provider's notifications already processed, with their type and date (nothing else)",
    },
    purpose: { fr: "Ne jamais appliquer deux fois le même paiement ou remboursement", en: "Never applying the same payment or refund twice" },
    periodMs: PAYMENT_EVENT_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "payment_events", timeColumn: "received_at" },
  },
  {
    id: "hoster_outcomes",
    data: {
      fr: "Nombre de vérifications et de téléchargements réussis ou échoués par hébergeur et par minute (aucun compte, lien ni nom de fichier)",
      en: "Number of successful and failed checks and downloads per file hoster and minute (no account, link or file name)",
    },
    purpose: { fr: "Montrer l'état de chaque hébergeur", en: "Showing each file hoster's state" },
    periodMs: HOSTER_OUTCOME_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "hoster_outcomes", timeColumn: "minute_at" },
  },
  {
    id: "retention_runs",
    data: {
      fr: "Compte rendu des purges : catégorie, nombre d'enregistrements supprimés, durée (aucune donnée personnelle)",
      en: "Purge reports: category, number of records deleted, duration (no personal data)",
    },
    purpose: { fr: "Prouver que les purges ont lieu", en: "Proving that purges take place" },
    periodMs: RETENTION_RUN_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "retention_runs", timeColumn: "started_at" },
  },
  {
    id: "legal_requests",
    data: {
      fr: "Registre des demandes des autorités : autorité, fondement, référence, compte ou adresse IP et période visés, empreinte du document reçu, décision",
      en: "Register of authorities' requests: authority, legal basis, reference, account or IP address and period concerned, hash of the document received, decision",
    },
    purpose: { fr: "Prouver que chaque communication de données a suivi la procédure légale", en: "Proving that every disclosure followed the legal procedure" },
    periodMs: LEGAL_RECORD_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "legal_requests", timeColumn: "received_at" },
  },
  {
    id: "legal_exports",
    data: {
      fr: "Communications effectuées : date, empreintes des fichiers remis, comptes concernés, information de l'utilisateur (jamais les données remises elles-mêmes)",
      en: "Disclosures made: date, hashes of the files handed over, accounts concerned, whether the user was told (never the data handed over itself)",
    },
    purpose: { fr: "Prouver ce qui a été communiqué, et à qui", en: "Proving what was disclosed, and to whom" },
    periodMs: LEGAL_RECORD_RETENTION_DAYS * DAY_MS,
    sweep: { store: "DB", table: "legal_exports", timeColumn: "exported_at" },
  },
  {
    id: "legal_holds",
    data: {
      fr: "Gels conservatoires levés ou échus : compte ou adresse IP et période visés, catégories, référence, dates",
      en: "Released or ended legal holds: account or IP address and period concerned, categories, reference, dates",
    },
    purpose: { fr: "Prouver quelles données ont été conservées au-delà de leur durée, et pourquoi", en: "Proving which data was kept past its period, and why" },
    periodMs: LEGAL_RECORD_RETENTION_DAYS * DAY_MS,
    // A hold still in force is never swept; a preservation order (expires_at set) has long ended after 6 years.
    sweep: { store: "DB", table: "legal_holds", timeColumn: "placed_at", where: "released_at IS NOT NULL OR expires_at IS NOT NULL" },
  },
  {
    id: "audit_log",
    data: {
      fr: "Journal d'audit des actions du personnel (consultations, décisions, communications, gels, rôles), chaîné par empreintes",
      en: "Audit log of staff actions (views, decisions, disclosures, holds, roles), hash-chained",
    },
    purpose: { fr: "Rendre toute communication de données vérifiable, et toute falsification visible", en: "Making every disclosure verifiable, and any tampering visible" },
    periodMs: LEGAL_RECORD_RETENTION_DAYS * DAY_MS,
    // The table's DELETE trigger lets only rows past this period go, judged by the database's own
    // clock (migration audit_log_append_only); the sweep asks the same question in the same words,
    // so it never sends a DELETE the trigger would abort (an early hourly sweep would, by one hour).
    sweep: { store: "DB", table: "audit_log", timeColumn: "at", where: AUDIT_LOG_DELETABLE_SQL },
  },
] as const satisfies readonly RetentionCategory[];

export type RetentionCategoryId = (typeof RETENTION_CATEGORIES)[number]["id"];

/** Tables that hold no personal data, or whose records live and die with their owner's account. */
export const TABLES_WITHOUT_SWEEP: Record<string, string> = {
  d1_migrations: "migration bookkeeping, no personal data",
};

export function findRetentionCategory(id: RetentionCategoryId): RetentionCategory {
  const category = RETENTION_CATEGORIES.find((c) => c.id === id);
  if (!category) throw new Error(`unknown retention category ${id}`);
  return category;
}

/**
 * The instant before which a category's records must be gone at `now`: one sweep interval early,
 * so that a record never outlives its period between two hourly sweeps.
 */
export function expiryCutoff(category: RetentionCategory, now: number): number | null {
  if (category.sweep?.deadline) return now;
  if (category.periodMs === null) return null;
  return now - category.periodMs + SWEEP_INTERVAL_MS;
}

/**
 * When a record of `category` whose time column holds `at` is gone at the latest, by the sweeps'
 * own rule: a sweep deletes it once `expiryCutoff` passes `at` — for a deadline column, once `at`
 * itself has passed, otherwise one interval before `at + period` — and sweeps run every
 * SWEEP_INTERVAL_MS, so the first run after that instant removes it. null: no sweep removes it (kept
 * as long as the account, or a deadline not set). A legal hold can keep a record longer.
 */
export function deletionDeadline(category: RetentionCategory, at: number | null): number | null {
  if (!category.sweep || at === null) return null;
  if (category.sweep.deadline) return at + SWEEP_INTERVAL_MS;
  if (category.periodMs === null) return null;
  return at + category.periodMs;
}

/** Says a period in words, derived from the same milliseconds the sweeps use. */
export function describePeriod(periodMs: number | null, language: Language): string {
  if (periodMs === null) return language === "fr" ? "tant que le compte existe" : "as long as the account exists";
  return describeDuration(periodMs, language);
}
