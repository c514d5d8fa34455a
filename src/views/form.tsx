/** Form pieces shared by the account pages: labelled fields, notices. Forms work without JavaScript. */
import type { Child } from "hono/jsx";

export type FieldProps = {
  label: string;
  name: string;
  type?: "text" | "email" | "password" | "hidden";
  value?: string;
  autocomplete?: string;
  required?: boolean;
  minlength?: number;
  maxlength?: number;
  hint?: string;
  error?: string;
};

export function Field(props: FieldProps) {
  const id = `field-${props.name}`;
  return (
    <label for={id}>
      {props.label}
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.type === "password" ? undefined : props.value}
        autocomplete={props.autocomplete}
        required={props.required ?? true}
        minlength={props.minlength}
        maxlength={props.maxlength}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
      {props.hint ? <span class="muted">{props.hint}</span> : null}
      {props.error ? <span id={`${id}-error`} class="error-text">{props.error}</span> : null}
    </label>
  );
}

export function Notice(props: { kind?: "ok" | "error"; children?: Child }) {
  return (
    <p class={`notice${props.kind ? ` ${props.kind}` : ""}`} role={props.kind === "error" ? "alert" : "status"}>
      {props.children}
    </p>
  );
}
