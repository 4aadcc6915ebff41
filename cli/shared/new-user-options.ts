import type { WelcomeEmail } from '../../src/options';
import { validateOptions } from '../../src/validate-options';

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

/** The welcome email as the scripts' own option rule reads it, the problem named as `name`. */
export function readWelcomeEmail(value: unknown, name: string): Read<WelcomeEmail> {
  const checked = validateOptions({ welcomeEmail: value }, { label: () => name });
  return 'problems' in checked
    ? { problem: checked.problems.join('; ') }
    : { value: checked.options.welcomeEmail };
}

/** The locale as the scripts' own option rule reads it, the problem named as `name`. */
export function readLocale(value: unknown, name: string): Read<string> {
  const checked = validateOptions({ locale: value }, { label: () => name });
  return 'problems' in checked
    ? { problem: checked.problems.join('; ') }
    : { value: checked.options.locale };
}
