import type { WelcomeEmail } from '../../src/options';

/**
 * The choices a new GoTo user is created with that the scripts take as build options: the
 * welcome email and the locale. `build` bakes them into the provisioning script; `reconcile`
 * takes the same values as flags, so that users it creates get what the workflows would give.
 */

export type Read<T> = { value: T } | { problem: string };

export interface WelcomeFlags {
  welcomeEmail?: string;
  welcomeSubject?: string;
  welcomeText?: string;
}

/** What the welcome flags were given as, for `readWelcomeEmail` and its messages. */
export function welcomeLabel(flags: WelcomeFlags): string {
  return flags.welcomeSubject !== undefined || flags.welcomeText !== undefined
    ? '--welcome-subject/--welcome-text'
    : '--welcome-email';
}

/** A mode from --welcome-email, or a custom email from --welcome-subject and --welcome-text. */
export function welcomeFlags(flags: WelcomeFlags): { value: unknown } | { problem: string } {
  const subject = flags.welcomeSubject;
  const text = flags.welcomeText;
  if (subject !== undefined || text !== undefined) {
    if (flags.welcomeEmail !== undefined) {
      return {
        problem:
          '--welcome-email cannot be combined with --welcome-subject/--welcome-text: give either a mode or a custom email',
      };
    }
    return { value: { subject, text } };
  }
  return { value: flags.welcomeEmail };
}

export function readWelcomeEmail(value: unknown, name: string): Read<WelcomeEmail> {
  if (value === 'goto-default' || value === 'suppress') return { value };
  const hint = name.startsWith('--')
    ? `${name} must be "goto-default" or "suppress", or a custom email given with --welcome-subject and --welcome-text`
    : `${name} must be "goto-default", "suppress" or {"subject": "...", "text": "..."}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: `${hint}, not ${show(value)}` };
  }
  const custom = value as Record<string, unknown>;
  const extra = Object.keys(custom).filter((key) => key !== 'subject' && key !== 'text');
  if (extra.length > 0) return { problem: `${hint}: unknown field ${show(extra[0])}` };
  const { subject, text } = custom;
  if (typeof subject !== 'string' || subject.trim() === '') {
    return { problem: `${hint}: the custom email's subject must be non-empty text` };
  }
  if (typeof text !== 'string' || text.trim() === '') {
    return { problem: `${hint}: the custom email's text must be non-empty text` };
  }
  return { value: { subject, text } };
}

export function readLocale(value: unknown, name: string): Read<string> {
  return typeof value === 'string' && /^[a-z]{2}_[A-Z]{2}$/.test(value)
    ? { value }
    : {
        problem: `${name} must be a GoTo locale of the form ll_CC, such as en_US or de_DE, not ${show(value)}`,
      };
}

export function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
