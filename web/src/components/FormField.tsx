import { ReactNode, useId } from 'react';

export type FieldErrors = Record<string, string[]>;

export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** A labelled control with the server's messages about it right under it (the new-course and referral forms). */
export function FormField({
  name,
  label,
  hint,
  errors,
  inline,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  /** Label beside the control (a checkbox) instead of above it. */
  inline?: boolean;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const messages = errors[name];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : '', messages ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${inline ? ' inline' : ''}${messages ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, ...(messages ? { 'aria-invalid': true } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {messages && (
        <p id={errorId} className="field-error">
          {messages.join(' ')}
        </p>
      )}
    </div>
  );
}
