import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Each built script carries only the GoTo calls it makes, so that an administrator reviewing it
 * before pasting reads no code that cannot run: the bundler leaves unused calls out.
 */

const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

describe('what each built script contains', () => {
  it('de-provisioning has no create-user call and no assignment', () => {
    const code = dist('gotomeeting-deprovisioning.js');
    expect(code).not.toMatch(/function createUser\d*\(/);
    expect(code).not.toContain('creating ');
    expect(code).not.toMatch(/function assignLicenses\d*\(/);
    expect(code).toMatch(/function deleteUser\d*\(/);
    expect(code).toMatch(/function removeLicenses\d*\(/);
  });

  it('provisioning has no delete-user call and no removal', () => {
    const code = dist('gotomeeting-provisioning.js');
    expect(code).not.toMatch(/function deleteUser\d*\(/);
    expect(code).not.toContain('deleting user');
    expect(code).not.toMatch(/function removeLicenses\d*\(/);
    expect(code).toMatch(/function createUser\d*\(/);
    expect(code).toMatch(/function assignLicenses\d*\(/);
  });
});
