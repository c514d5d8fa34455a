/** The texts of the mails Relais sends, in French and English. Links carry secrets only in the query. */
import { CHANGE_EMAIL_TOKEN_LIFETIME_MS, RESET_PASSWORD_TOKEN_LIFETIME_MS, VERIFY_EMAIL_TOKEN_LIFETIME_MS } from "../config";
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
    ? { to, subject: "Réinitialiser votre mot de passe", text: `Pour choisir un nouveau mot de passe, ouvrez ce lien (valable ${describeDuration(RESET_PASSWORD_TOKEN_LIFETIME_MS, "fr")}, une seule fois) :\n${link}\n\nToutes vos sessions seront fermées. Si vous n'avez rien demandé, ignorez ce message.${SIGNATURE.fr}` }
    : { to, subject: "Reset your password", text: `To choose a new password, open this link (valid ${describeDuration(RESET_PASSWORD_TOKEN_LIFETIME_MS, "en")}, once):\n${link}\n\nAll your sessions will be closed. If you did not ask, ignore this message.${SIGNATURE.en}` };
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
    ? { to, subject: "Mot de passe modifié", text: `Le mot de passe de votre compte Relais vient d'être modifié et toutes les sessions ont été fermées.\n\nSi ce n'est pas vous, réinitialisez-le aussitôt.${SIGNATURE.fr}` }
    : { to, subject: "Password changed", text: `Your Relais account's password was just changed and every session was closed.\n\nIf it was not you, reset it at once.${SIGNATURE.en}` };
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
