/** The texts of the mails Relais sends, in French and English. Links carry secrets only in the query. */
import { CHANGE_EMAIL_TOKEN_LIFETIME_MS, LOGIN_CODE_LIFETIME_MS, LOGIN_CODE_MAX_ATTEMPTS, RESET_PASSWORD_TOKEN_LIFETIME_MS, SHARING_MAX_NETWORKS, SHARING_WINDOW_MS, UNLOCK_TOKEN_LIFETIME_MS, VERIFY_EMAIL_TOKEN_LIFETIME_MS } from "../config";
import { describeDuration } from "../lib/duration";
import type { Language } from "../lib/language";
import type { Mail } from "./outbox";

const SIGNATURE = { fr: "\n\n— Relais", en: "\n\n— Relais" };

export function verificationMail(language: Language, to: string, link: string, code: string): Mail {
  return language === "fr"
    ? { to, subject: "Confirmez votre adresse e-mail", text: `Bienvenue sur Relais.\n\nPour confirmer votre adresse, ouvrez ce lien (valable ${describeDuration(VERIFY_EMAIL_TOKEN_LIFETIME_MS, "fr")}) :\n${link}\n\nOu saisissez ce code sur la page de confirmation, avec votre adresse :\n${code.slice(0, 4)}-${code.slice(4)}\n\nSi vous n'avez pas créé de compte, ignorez ce message.${SIGNATURE.fr}` }
    : { to, subject: "Confirm your email address", text: `Welcome to Relais.\n\nTo confirm your address, open this link (valid ${describeDuration(VERIFY_EMAIL_TOKEN_LIFETIME_MS, "en")}):\n${link}\n\nOr type this code on the confirmation page, with your address:\n${code.slice(0, 4)}-${code.slice(4)}\n\nIf you did not create an account, ignore this message.${SIGNATURE.en}` };
}

export function alreadyRegisteredMail(language: Language, to: string, loginLink: string, forgotLink: string): Mail {
  return language === "fr"
    ? { to, subject: "Vous avez déjà un compte", text: `Quelqu'un (peut-être vous) a voulu créer un compte Relais avec cette adresse, qui en a déjà un.\n\nSe connecter : ${loginLink}\nMot de passe oublié : ${forgotLink}\n\nSi ce n'était pas vous, ignorez ce message.${SIGNATURE.fr}` }
    : { to, subject: "You already have an account", text: `Someone (maybe you) tried to create a Relais account with this address, which already has one.\n\nLog in: ${loginLink}\nForgot your password: ${forgotLink}\n\nIf it was not you, ignore this message.${SIGNATURE.en}` };
}

export function resetPasswordMail(language: Language, to: string, link: string): Mail {
  return language === "fr"
    ? { to, subject: "Réinitialiser votre mot de passe", text: `Pour choisir un nouveau mot de passe, ouvrez ce lien (valable ${describeDuration(RESET_PASSWORD_TOKEN_LIFETIME_MS, "fr")}, une seule fois) :\n${link}\n\nToutes vos sessions seront fermées, le jeton d'API révoqué et les applications connectées déconnectées. Si vous n'avez rien demandé, ignorez ce message.${SIGNATURE.fr}` }
    : { to, subject: "Reset your password", text: `To choose a new password, open this link (valid ${describeDuration(RESET_PASSWORD_TOKEN_LIFETIME_MS, "en")}, once):\n${link}\n\nAll your sessions will be closed, the API token revoked and connected apps disconnected. If you did not ask, ignore this message.${SIGNATURE.en}` };
}

export function changeEmailConfirmMail(language: Language, to: string, link: string): Mail {
  return language === "fr"
    ? { to, subject: "Confirmez votre nouvelle adresse", text: `Pour faire de cette adresse celle de votre compte Relais, ouvrez ce lien (valable ${describeDuration(CHANGE_EMAIL_TOKEN_LIFETIME_MS, "fr")}) :\n${link}${SIGNATURE.fr}` }
    : { to, subject: "Confirm your new address", text: `To make this address your Relais account's, open this link (valid ${describeDuration(CHANGE_EMAIL_TOKEN_LIFETIME_MS, "en")}):\n${link}${SIGNATURE.en}` };
}

export function changeEmailNoticeMail(language: Language, to: string, newEmail: string): Mail {
  return language === "fr"
    ? { to, subject: "Changement d'adresse demandé", text: `Un changement de l'adresse de votre compte vers ${newEmail} a été demandé. Il n'aura lieu qu'après confirmation depuis la nouvelle adresse.\n\nSi ce n'est pas vous, changez votre mot de passe.${SIGNATURE.fr}` }
    : { to, subject: "Address change requested", text: `A change of your account's address to ${newEmail} was requested. It happens only once confirmed from the new address.\n\nIf it was not you, change your password.${SIGNATURE.en}` };
}

export function passwordChangedMail(language: Language, to: string): Mail {
  return language === "fr"
    ? { to, subject: "Mot de passe modifié", text: `Le mot de passe de votre compte Relais vient d'être modifié. Toutes les autres sessions ont été fermées, le jeton d'API privé révoqué et toutes les applications connectées déconnectées.\n\nSi ce n'est pas vous, réinitialisez-le aussitôt.${SIGNATURE.fr}` }
    : { to, subject: "Password changed", text: `Your Relais account's password was just changed. Every other session was closed, the private API token revoked and every connected app disconnected.\n\nIf it was not you, reset it at once.${SIGNATURE.en}` };
}

/** Real-Debrid's settings/changePassword: an app asked, the owner chooses the new password from the mail. */
export function changePasswordMail(language: Language, to: string, link: string): Mail {
  return language === "fr"
    ? { to, subject: "Changer votre mot de passe", text: `Une application connectée à votre compte Relais a demandé un changement de mot de passe. Pour choisir le nouveau, ouvrez ce lien (valable ${describeDuration(RESET_PASSWORD_TOKEN_LIFETIME_MS, "fr")}, une seule fois) :\n${link}\n\nLe nouveau mot de passe fermera toutes vos sessions, révoquera le jeton d'API et déconnectera toutes les applications. Si vous n'avez rien demandé, ignorez ce message.${SIGNATURE.fr}` }
    : { to, subject: "Change your password", text: `An app connected to your Relais account asked for a password change. To choose the new one, open this link (valid ${describeDuration(RESET_PASSWORD_TOKEN_LIFETIME_MS, "en")}, once):\n${link}\n\nThe new password will close all your sessions, revoke the API token and disconnect every app. If you did not ask, ignore this message.${SIGNATURE.en}` };
}

export type SignInDetails = { place: string | null; browser: string | null; ip: string | null };

function details(language: Language, d: SignInDetails): string {
  const unknown = language === "fr" ? "inconnu" : "unknown";
  return language === "fr"
    ? `Lieu approximatif : ${d.place ?? unknown}\nNavigateur : ${d.browser ?? unknown}\nAdresse IP : ${d.ip ?? unknown}`
    : `Approximate place: ${d.place ?? unknown}\nBrowser: ${d.browser ?? unknown}\nIP address: ${d.ip ?? unknown}`;
}

/** The code that lets a held sign-in (or device approval, or account deletion) through. */
export function loginCodeMail(language: Language, to: string, code: string, d: SignInDetails & { purpose: "login" | "device" | "account_deletion"; reason: "new_place" | "unusual_activity" }): Mail {
  const lifetime = describeDuration(LOGIN_CODE_LIFETIME_MS, language);
  if (language === "fr") {
    const why =
      d.purpose === "account_deletion" ? "Une demande de suppression de votre compte Relais arrive d'un lieu inhabituel."
      : d.purpose === "device" ? "Un appareil situé dans un lieu inhabituel demande l'accès à votre compte Relais."
      : d.reason === "new_place" ? "Une connexion à votre compte Relais arrive d'un lieu inhabituel."
      : "Votre compte Relais subit de nombreuses tentatives de connexion ; une connexion arrive d'un réseau inhabituel.";
    const subject = d.purpose === "account_deletion" ? `Code de suppression du compte : ${code}` : `Code de connexion : ${code}`;
    return { to, subject, text: `${why} Le bon mot de passe a été saisi.\n\n${details("fr", d)}\n\nSi c'est vous, saisissez ce code (valable ${lifetime}, ${LOGIN_CODE_MAX_ATTEMPTS} essais) :\n${code}\n\nSi ce n'est pas vous, ne communiquez ce code à personne et changez votre mot de passe : quelqu'un le connaît.${SIGNATURE.fr}` };
  }
  const why =
    d.purpose === "account_deletion" ? "A request to delete your Relais account comes from an unusual place."
    : d.purpose === "device" ? "A device in an unusual place is asking for access to your Relais account."
    : d.reason === "new_place" ? "A sign-in to your Relais account comes from an unusual place."
    : "Your Relais account is getting many sign-in attempts; a sign-in comes from an unusual network.";
  const subject = d.purpose === "account_deletion" ? `Account deletion code: ${code}` : `Sign-in code: ${code}`;
  return { to, subject, text: `${why} The right password was typed.\n\n${details("en", d)}\n\nIf it is you, type this code (valid ${lifetime}, ${LOGIN_CODE_MAX_ATTEMPTS} tries):\n${code}\n\nIf it is not you, give this code to no one and change your password: someone knows it.${SIGNATURE.en}` };
}

/** The account was deleted: what was kept and why, and that the address is free again. */
export function accountDeletedMail(language: Language, to: string, kept: string[]): Mail {
  const list = kept.map((line) => `- ${line}`).join("\n");
  return language === "fr"
    ? { to, subject: "Votre compte est supprimé", text: `Votre compte Relais vient d'être supprimé : sessions, jetons, applications, liens, réglages, avatar, lieux, réseaux, trafic et historique sont effacés. Cette adresse peut créer un nouveau compte dès maintenant.\n\nCe que la loi nous oblige à garder, à l'écart, jusqu'à la fin de sa durée :\n${list}\n\nSi ce n'est pas vous qui avez supprimé le compte, quelqu'un connaissait votre mot de passe : changez-le partout où vous l'utilisez.${SIGNATURE.fr}` }
    : { to, subject: "Your account is deleted", text: `Your Relais account was just deleted: sessions, tokens, apps, links, settings, avatar, places, networks, traffic and history are erased. This address can create a new account right away.\n\nWhat the law makes us keep, locked away, until its period ends:\n${list}\n\nIf you did not delete the account, someone knew your password: change it wherever you use it.${SIGNATURE.en}` };
}

/** After a new-place sign-in: where, with what, and a one-click link that ends that session. */
export function newPlaceSignInMail(language: Language, to: string, d: SignInDetails & { at: number; revokeLink: string; securityLink: string }): Mail {
  const when = new Date(d.at).toISOString().replace("T", " ").slice(0, 16) + " UTC";
  return language === "fr"
    ? { to, subject: "Nouvelle connexion à votre compte", text: `Une nouvelle connexion à votre compte Relais a eu lieu le ${when}.\n\n${details("fr", d)}\n\nSi ce n'est pas vous, fermez cette session d'un clic (puis changez votre mot de passe) :\n${d.revokeLink}\n\nToutes vos sessions et l'historique des connexions : ${d.securityLink}${SIGNATURE.fr}` }
    : { to, subject: "New sign-in to your account", text: `There was a new sign-in to your Relais account on ${when}.\n\n${details("en", d)}\n\nIf it was not you, end that session with one click (then change your password):\n${d.revokeLink}\n\nAll your sessions and the login history: ${d.securityLink}${SIGNATURE.en}` };
}

/** A download refused by the account-sharing rule. */
export function sharingRefusedMail(language: Language, to: string, d: { networks: number; place: string | null; securityLink: string }): Mail {
  const window = describeDuration(SHARING_WINDOW_MS, language);
  return language === "fr"
    ? { to, subject: "Téléchargement refusé : trop de réseaux", text: `Un téléchargement de votre compte Relais a été refusé : il venait d'un ${d.networks}e réseau en ${window}, alors que ${SHARING_MAX_NETWORKS} au plus sont permis à la fois (règle de partage de compte).\n\nLieu approximatif : ${d.place ?? "inconnu"}\n\nSi ce sont vos propres réseaux (maison, famille), déclarez-les comme sûrs : ils compteront pour un. Sinon, quelqu'un utilise votre compte : changez votre mot de passe. Des refus répétés verrouillent le compte.\n${d.securityLink}${SIGNATURE.fr}` }
    : { to, subject: "Download refused: too many networks", text: `A download from your Relais account was refused: it came from network number ${d.networks} within ${window}, while at most ${SHARING_MAX_NETWORKS} are allowed at once (account-sharing rule).\n\nApproximate place: ${d.place ?? "unknown"}\n\nIf these are your own networks (home, family), declare them trusted: they will count as one. Otherwise someone is using your account: change your password. Repeated refusals lock the account.\n${d.securityLink}${SIGNATURE.en}` };
}

/** The account was locked by the sharing rule; the link unlocks it (confirming by POST). */
export function accountLockedMail(language: Language, to: string, d: { unlockLink: string; securityLink: string; detail: { networks: number; events: number } | null }): Mail {
  const lifetime = describeDuration(UNLOCK_TOKEN_LIFETIME_MS, language);
  return language === "fr"
    ? { to, subject: "Compte verrouillé", text: `Votre compte Relais est verrouillé${d.detail ? ` : ${d.detail.events} téléchargements ont été refusés pour partage de compte` : ""}. L'API, la génération de liens et les téléchargements sont suspendus.\n\nPour le déverrouiller, ouvrez ce lien (valable ${lifetime}) :\n${d.unlockLink}\n\nSi quelqu'un d'autre utilise votre compte, changez aussi votre mot de passe. Ce qui s'est passé : ${d.securityLink}${SIGNATURE.fr}` }
    : { to, subject: "Account locked", text: `Your Relais account is locked${d.detail ? `: ${d.detail.events} downloads were refused for account sharing` : ""}. The API, link generation and downloads are suspended.\n\nTo unlock it, open this link (valid ${lifetime}):\n${d.unlockLink}\n\nIf someone else is using your account, change your password too. What happened: ${d.securityLink}${SIGNATURE.en}` };
}

export function newApiTokenMail(language: Language, to: string): Mail {
  return language === "fr"
    ? { to, subject: "Nouveau jeton d'API", text: `Un nouveau jeton d'API privé vient d'être créé pour votre compte Relais ; l'ancien ne fonctionne plus.\n\nSi ce n'est pas vous, changez votre mot de passe.${SIGNATURE.fr}` }
    : { to, subject: "New API token", text: `A new private API token was just created for your Relais account; the old one no longer works.\n\nIf it was not you, change your password.${SIGNATURE.en}` };
}

export function newDeviceMail(language: Language, to: string, appName: string, place: string | null): Mail {
  return language === "fr"
    ? { to, subject: "Nouvel appareil autorisé", text: `L'application « ${appName} »${place ? ` (appareil situé vers ${place})` : ""} peut désormais utiliser votre compte Relais. Vous pouvez la déconnecter depuis la page de votre compte.${SIGNATURE.fr}` }
    : { to, subject: "New device authorized", text: `The app "${appName}"${place ? ` (device near ${place})` : ""} can now use your Relais account. You can disconnect it from your account page.${SIGNATURE.en}` };
}

export function legalDisclosureMail(language: Language, to: string, legalBasis: string, reference: string): Mail {
  return language === "fr"
    ? { to, subject: "Communication de vos données à une autorité", text: `Dans le cadre d'une procédure légale (${legalBasis}, référence ${reference}), nous avons communiqué à l'autorité qui l'a demandé des données de votre compte Relais, après vérification et accord de deux responsables.\n\nNos chiffres de transparence sont publiés sur la page /transparency.${SIGNATURE.fr}` }
    : { to, subject: "Your data was disclosed to an authority", text: `Under a legal procedure (${legalBasis}, reference ${reference}), we disclosed data of your Relais account to the authority that requested it, after two officers checked and approved it.\n\nOur transparency figures are published on the /transparency page.${SIGNATURE.en}` };
}
