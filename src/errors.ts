/** The one error type, and the table that gives each error its status, API code and message. */

type Status = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 451 | 500 | 502 | 503;
type ErrorSpec = { status: Status; errorCode: number; en: string; fr: string };

/** Codes are Real-Debrid's (`debrid-api.md`); `error` keys are stable snake_case, never reused. */
export const ERRORS = {
  internal_error: { status: 500, errorCode: -1, en: "Something went wrong on our side. Please try again.", fr: "Une erreur est survenue de notre côté. Merci de réessayer." },
  missing_parameter: { status: 400, errorCode: 1, en: "A required parameter is missing.", fr: "Un paramètre obligatoire manque." },
  bad_parameter: { status: 400, errorCode: 2, en: "A parameter has a bad value.", fr: "Un paramètre a une valeur incorrecte." },
  bad_request: { status: 400, errorCode: 2, en: "The request could not be understood.", fr: "La requête est incompréhensible." },
  invalid_json: { status: 400, errorCode: 2, en: "The request body is not valid JSON.", fr: "Le corps de la requête n'est pas du JSON valide." },
  validation_failed: { status: 422, errorCode: 2, en: "Some fields are not valid.", fr: "Certains champs ne sont pas valides." },
  unsupported_media_type: { status: 415, errorCode: 2, en: "This content type is not accepted here.", fr: "Ce type de contenu n'est pas accepté ici." },
  upload_error: { status: 400, errorCode: 27, en: "The upload stopped before its end.", fr: "L'envoi s'est interrompu avant la fin." },
  payload_too_large: { status: 413, errorCode: 2, en: "The request body is too large.", fr: "Le corps de la requête est trop volumineux." },
  unknown_method: { status: 404, errorCode: 3, en: "This API method does not exist.", fr: "Cette méthode de l'API n'existe pas." },
  method_not_allowed: { status: 405, errorCode: 4, en: "This method is not allowed here.", fr: "Cette méthode n'est pas permise ici." },
  resource_not_found: { status: 404, errorCode: 7, en: "This resource does not exist.", fr: "Cette ressource n'existe pas." },
  page_not_found: { status: 404, errorCode: 7, en: "This page does not exist.", fr: "Cette page n'existe pas." },
  bad_token: { status: 401, errorCode: 8, en: "The token is missing, invalid, expired or disabled.", fr: "Le jeton est absent, invalide, expiré ou désactivé." },
  permission_denied: { status: 403, errorCode: 9, en: "You are not allowed to do this.", fr: "Vous n'avez pas le droit de faire cela." },
  csrf_rejected: { status: 403, errorCode: 9, en: "This form was sent from another site and was refused.", fr: "Ce formulaire venait d'un autre site et a été refusé." },
  too_many_requests: { status: 429, errorCode: 34, en: "Too many requests. Please wait before trying again.", fr: "Trop de requêtes. Merci de patienter avant de réessayer." },
  invalid_login: { status: 401, errorCode: 12, en: "Wrong email or password.", fr: "E-mail ou mot de passe incorrect." },
  account_not_verified: { status: 403, errorCode: 15, en: "Confirm your email address first.", fr: "Confirmez d'abord votre adresse e-mail." },
  login_required: { status: 401, errorCode: 8, en: "Please log in.", fr: "Merci de vous connecter." },
  authorization_pending: { status: 403, errorCode: 9, en: "The user has not approved this device yet.", fr: "L'utilisateur n'a pas encore autorisé cet appareil." },
  slow_down: { status: 429, errorCode: 5, en: "Polling too fast: slow down.", fr: "Interrogations trop rapprochées : ralentissez." },
  invalid_grant: { status: 400, errorCode: 2, en: "The code is unknown, used or expired.", fr: "Le code est inconnu, déjà utilisé ou expiré." },
  invalid_client: { status: 401, errorCode: 8, en: "Unknown client or wrong client secret.", fr: "Client inconnu ou secret du client incorrect." },
  link_refused: { status: 400, errorCode: 2, en: "This link points to an address we never fetch (local, private, not a public web address, or ours).", fr: "Ce lien désigne une adresse que nous ne contactons jamais (locale, privée, non publique ou la nôtre)." },
  hoster_unsupported: { status: 400, errorCode: 16, en: "This file hoster is not supported.", fr: "Cet hébergeur de fichiers n'est pas pris en charge." },
  hoster_in_maintenance: { status: 503, errorCode: 17, en: "This file hoster is in maintenance.", fr: "Cet hébergeur de fichiers est en maintenance." },
  hoster_limit_reached: { status: 503, errorCode: 18, en: "Your daily limit for this file hoster is reached.", fr: "Votre limite quotidienne pour cet hébergeur est atteinte." },
  hoster_unavailable: { status: 503, errorCode: 19, en: "This file hoster is temporarily unavailable.", fr: "Cet hébergeur de fichiers est temporairement indisponible." },
  hoster_not_free: { status: 403, errorCode: 20, en: "This file hoster is for premium accounts only.", fr: "Cet hébergeur est réservé aux comptes premium." },
  too_many_active_downloads: { status: 503, errorCode: 21, en: "Too many downloads are running at once.", fr: "Trop de téléchargements sont en cours en même temps." },
  traffic_exhausted: { status: 503, errorCode: 23, en: "Your daily traffic is used up.", fr: "Votre trafic quotidien est épuisé." },
  file_unavailable: { status: 503, errorCode: 24, en: "This file is unavailable.", fr: "Ce fichier est indisponible." },
  file_password_wrong: { status: 403, errorCode: 13, en: "This file is protected by a password: the password is missing or wrong.", fr: "Ce fichier est protégé par un mot de passe : il manque ou il est incorrect." },
  hoster_quota_exceeded: { status: 503, errorCode: 18, en: "The file hoster refuses more downloads for now (its own limit). Please try again later.", fr: "L'hébergeur refuse d'autres téléchargements pour le moment (sa propre limite). Merci de réessayer plus tard." },
  folder_link: { status: 400, errorCode: 2, en: "This link is a folder: unrestrict/folder lists its files.", fr: "Ce lien est un dossier : unrestrict/folder en donne les fichiers." },
  fair_usage_limit: { status: 503, errorCode: 36, en: "You reached the fair-usage limit for today.", fr: "Vous avez atteint la limite d'usage raisonnable pour aujourd'hui." },
  download_expired: { status: 404, errorCode: 7, en: "This download link has expired or was deleted.", fr: "Ce lien de téléchargement a expiré ou a été supprimé." },
  invalid_signature: { status: 400, errorCode: 2, en: "The signature is missing or invalid.", fr: "La signature est absente ou invalide." },
  payments_unavailable: { status: 503, errorCode: 25, en: "Payments are not available at the moment.", fr: "Les paiements ne sont pas disponibles pour le moment." },
  not_enough_points: { status: 503, errorCode: 25, en: "Not enough fidelity points to convert.", fr: "Pas assez de points de fidélité à convertir." },
  account_locked: { status: 403, errorCode: 14, en: "This account is locked after repeated downloads from too many networks. Its owner can unlock it from the link we emailed, or from the security page.", fr: "Ce compte est verrouillé après des téléchargements répétés depuis trop de réseaux. Son titulaire peut le déverrouiller par le lien envoyé par e-mail, ou depuis la page Sécurité." },
  ip_not_allowed: { status: 403, errorCode: 22, en: "This link was generated for another network: it downloads only from the network that generated it. Generate it again from here, or with remote traffic (remote=1).", fr: "Ce lien a été généré pour un autre réseau : il ne se télécharge que depuis le réseau qui l'a généré. Générez-le à nouveau d'ici, ou avec le trafic distant (remote=1)." },
  too_many_networks: { status: 403, errorCode: 22, en: "This account is downloading from too many networks at once (account sharing). Wait until the others are done, declare your own networks as trusted, or use remote traffic.", fr: "Ce compte télécharge depuis trop de réseaux à la fois (partage de compte). Attendez que les autres aient fini, déclarez vos réseaux comme sûrs, ou utilisez le trafic distant." },
  invalid_download_link: { status: 403, errorCode: 9, en: "This download link is not valid: it was altered or cut.", fr: "Ce lien de téléchargement n'est pas valide : il a été modifié ou tronqué." },
  wrong_download_node: { status: 403, errorCode: 9, en: "This download link belongs to another download server.", fr: "Ce lien de téléchargement appartient à un autre serveur de téléchargement." },
  remote_traffic_exhausted: { status: 503, errorCode: 23, en: "Your daily remote traffic is used up.", fr: "Votre trafic distant quotidien est épuisé." },
  upload_too_big: { status: 413, errorCode: 26, en: "The file is too big.", fr: "Le fichier est trop volumineux." },
  file_not_allowed: { status: 400, errorCode: 28, en: "This file is not accepted here: send a PNG, JPEG, GIF or WebP picture.", fr: "Ce fichier n'est pas accepté ici : envoyez une image PNG, JPEG, GIF ou WebP." },
  image_resolution: { status: 400, errorCode: 32, en: "The picture's dimensions are out of bounds.", fr: "Les dimensions de l'image sont hors limites." },
  invalid_dev_location: { status: 400, errorCode: 2, en: "X-Relais-Dev-Location must be a JSON object with some of: country, asn, city, region, latitude, longitude, continent, timezone, asOrganization.", fr: "X-Relais-Dev-Location doit être un objet JSON avec certains de : country, asn, city, region, latitude, longitude, continent, timezone, asOrganization." },
  disabled_endpoint: { status: 403, errorCode: 37, en: "This endpoint is not available.", fr: "Cette fonction n'est pas disponible." },
  container_too_large: { status: 413, errorCode: 26, en: "This container is too large (max_bytes, or max_link_bytes for all an RSDF's links) or holds too many links (max_links).", fr: "Ce conteneur est trop volumineux (max_bytes, ou max_link_bytes pour tous les liens d'un RSDF) ou contient trop de liens (max_links)." },
  container_unknown_format: { status: 400, errorCode: 2, en: "This file is not a link container we can open (RSDF or CCF; DLC is refused).", fr: "Ce fichier n'est pas un conteneur de liens que nous savons ouvrir (RSDF ou CCF ; DLC est refusé)." },
  container_invalid: { status: 400, errorCode: 2, en: "This container is damaged: it does not decode to a list of links.", fr: "Ce conteneur est abîmé : il ne se décode pas en une liste de liens." },
  container_dlc_unsupported: { status: 400, errorCode: 28, en: "DLC containers can only be opened with a key from JDownloader's online service, which we do not call: open it in JDownloader, or use RSDF or CCF.", fr: "Un conteneur DLC ne s'ouvre qu'avec une clé fournie par le service en ligne de JDownloader, que nous n'appelons pas : ouvrez-le dans JDownloader, ou utilisez RSDF ou CCF." },
  media_info_unavailable: { status: 503, errorCode: 25, en: "No media information could be read from this file (see reason).", fr: "Aucune information sur le média n'a pu être lue dans ce fichier (voir reason)." },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorKey = keyof typeof ERRORS;

export type AppErrorOptions = {
  cause?: unknown;
  /** Seconds until retrying can succeed; sent as Retry-After. */
  retryAfterSeconds?: number;
  /** Extra fields for the JSON body (remaining quota, per-field detail…). Never secrets. */
  details?: Record<string, unknown>;
};

export class AppError extends Error {
  readonly key: ErrorKey;
  readonly status: Status;
  readonly errorCode: number;
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;

  constructor(key: ErrorKey, options: AppErrorOptions = {}) {
    const spec: ErrorSpec = ERRORS[key];
    super(spec.en, { cause: options.cause });
    this.name = "AppError";
    this.key = key;
    this.status = spec.status;
    this.errorCode = spec.errorCode;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
}
