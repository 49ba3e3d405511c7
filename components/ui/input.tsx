// Form primitives: a labelled field wrapper plus Input/Select/Textarea with the shared styles.
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

export function Field({
  label,
  hint,
  error,
  htmlFor,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  htmlFor?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  label?: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
}

/** An input; with `label` it renders inside a Field with a generated id. */
export function Input({ label, hint, error, id, className, ...rest }: InputProps) {
  const auto = useId();
  const inputId = id ?? auto;
  const input = (
    <input
      id={inputId}
      className={["input", className].filter(Boolean).join(" ")}
      aria-invalid={error ? true : undefined}
      {...rest}
    />
  );
  if (label === undefined) return input;
  return (
    <Field label={label} hint={hint} error={error} htmlFor={inputId}>
      {input}
    </Field>
  );
}

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label?: ReactNode;
  hint?: ReactNode;
}

export function Select({ label, hint, id, className, children, ...rest }: SelectProps) {
  const auto = useId();
  const selectId = id ?? auto;
  const select = (
    <select id={selectId} className={["select", className].filter(Boolean).join(" ")} {...rest}>
      {children}
    </select>
  );
  if (label === undefined) return select;
  return (
    <Field label={label} hint={hint} htmlFor={selectId}>
      {select}
    </Field>
  );
}

export interface TextareaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label?: ReactNode;
  hint?: ReactNode;
}

export function Textarea({ label, hint, id, className, ...rest }: TextareaProps) {
  const auto = useId();
  const areaId = id ?? auto;
  const area = <textarea id={areaId} className={["textarea", className].filter(Boolean).join(" ")} {...rest} />;
  if (label === undefined) return area;
  return (
    <Field label={label} hint={hint} htmlFor={areaId}>
      {area}
    </Field>
  );
}
