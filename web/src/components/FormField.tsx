import { ReactNode, useId } from 'react';

export type FieldErrors = Record<string, string[]>;

export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** A labelled control with the server's messages about it right under it (as the new-course form does). */
export function FormField({ name, label, hint, errors, children }: { name: string; label: string; hint?: string; errors: FieldErrors; children: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const messages = errors[name];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : '', messages ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${messages ? ' invalid' : ''}`}>
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
