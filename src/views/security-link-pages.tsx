/** Pages that mailed security links open: they act only by POST, since mail scanners prefetch links. */
import type { Language } from "../lib/language";
import { Notice } from "./form";

const T = {
  fr: {
    revokeTitle: "Fermer cette session", revokeIntro: "Cette session a été ouverte depuis un nouveau lieu. Si ce n'est pas vous, fermez-la, puis changez votre mot de passe.", revokeButton: "Fermer la session",
    revokedTitle: "Session fermée", revoked: "La session est fermée. Si ce n'était pas vous, changez votre mot de passe maintenant : quelqu'un le connaît.", forgotLink: "Changer de mot de passe",
    unlockTitle: "Déverrouiller le compte", unlockIntro: "Votre compte a été verrouillé après des téléchargements répétés depuis trop de réseaux. Déverrouillez-le si tout est en ordre ; sinon, changez aussi votre mot de passe.", unlockButton: "Déverrouiller mon compte",
    unlockedTitle: "Compte déverrouillé", unlocked: "Votre compte est déverrouillé.", securityLink: "Voir la sécurité du compte",
    badLink: "Ce lien est invalide, déjà utilisé ou expiré.",
  },
  en: {
    revokeTitle: "Close this session", revokeIntro: "This session was opened from a new place. If it was not you, close it, then change your password.", revokeButton: "Close the session",
    revokedTitle: "Session closed", revoked: "The session is closed. If it was not you, change your password now: someone knows it.", forgotLink: "Change the password",
    unlockTitle: "Unlock the account", unlockIntro: "Your account was locked after repeated downloads from too many networks. Unlock it if all is well; otherwise, change your password too.", unlockButton: "Unlock my account",
    unlockedTitle: "Account unlocked", unlocked: "Your account is unlocked.", securityLink: "See the account's security",
    badLink: "This link is invalid, used or expired.",
  },
} as const;

export function ConfirmLinkPage(props: { language: Language; kind: "revoke" | "unlock"; token: string; message?: string }) {
  const t = T[props.language];
  const [title, intro, button, action] = props.kind === "revoke" ? [t.revokeTitle, t.revokeIntro, t.revokeButton, "/revoke-session"] : [t.unlockTitle, t.unlockIntro, t.unlockButton, "/unlock"];
  return (
    <>
      <h1>{title}</h1>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <p>{intro}</p>
      {props.token ? (
        <form method="post" action={action}>
          <input type="hidden" name="token" value={props.token} />
          <button type="submit" class={props.kind === "revoke" ? "danger" : undefined}>{button}</button>
        </form>
      ) : null}
    </>
  );
}

export { T as SECURITY_LINK_TEXT };
