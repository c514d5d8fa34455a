/** The staff pages' password re-entry: actions need the password typed within the last minutes. */
import { PASSWORD_MAX_LENGTH, REAUTHENTICATION_WINDOW_MS } from "../config";
import { describeDuration } from "../lib/duration";
import type { Language } from "../lib/language";
import { Field, Notice } from "./form";

const TEXT = {
  fr: { title: "Confirmez votre mot de passe", intro: (d: string) => `Les actions du personnel demandent votre mot de passe saisi il y a moins de ${d}.`, password: "Mot de passe", button: "Confirmer", wrong: "Mot de passe incorrect." },
  en: { title: "Confirm your password", intro: (d: string) => `Staff actions need your password typed less than ${d} ago.`, password: "Password", button: "Confirm", wrong: "Wrong password." },
} as const;
export { TEXT as STAFF_REAUTH_TEXT };

export function StaffReauthPage(props: { language: Language; next: string; wrong?: boolean }) {
  const t = TEXT[props.language];
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro(describeDuration(REAUTHENTICATION_WINDOW_MS, props.language))}</p>
      {props.wrong ? <Notice kind="error">{t.wrong}</Notice> : null}
      <form method="post" action="/staff/reauthenticate">
        <input type="hidden" name="next" value={props.next} />
        <Field label={t.password} name="password" type="password" autocomplete="current-password" maxlength={PASSWORD_MAX_LENGTH} />
        <button type="submit">{t.button}</button>
      </form>
    </>
  );
}
