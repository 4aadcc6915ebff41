import { describe, expect, it } from 'vitest';
import { reconcileCommand } from '../../cli/account/reconcile';
import type { Prompt } from '../../cli/shared/confirm';
import { PRO, STANDARD } from '../../emulator/contexts';
import { callCommand, methodsSeen, settingsFile, tempFile } from '../support/admin-tools';
import { APP_KEYS, buildAccount, SMALL } from '../support/reconcile-account';
import { harness, snapshot } from '../support/reconcile-harness';

/** Every safety rule of `reconcile --apply` refuses before anything is changed. */

const settings = () => settingsFile({ licenses: APP_KEYS });

function unchanged(h: ReturnType<typeof harness>, before: Map<string, string[]>) {
  expect(methodsSeen(h.fake)).toEqual(['GET']);
  expect(snapshot(h.fake)).toEqual(before);
}

function prompt(answer: string): { made: Prompt; shown: string[] } {
  const shown: string[] = [];
  return {
    shown,
    made: { interactive: true, ask: async () => answer, show: (text) => shown.push(text) },
  };
}

describe('reconcile safety', () => {
  it('refuses a plan that reclaims more than --max-reclaims (10 by default), naming the count and the flag', async () => {
    const account = buildAccount(SMALL);
    const h = harness(account, settings());
    const before = snapshot(h.fake);
    const reclaims = account.truth.reclaim.length;
    expect(reclaims).toBeGreaterThan(10);
    const done = await h.reconcile(['--apply', '--yes']);
    expect(done.code).toBe(1);
    expect(done.stderr).toBe(
      `reconcile: the plan takes licenses back from ${reclaims} users, more than --max-reclaims 10; nothing was changed. Check that ${h.assigned} lists everyone assigned, or raise --max-reclaims.`,
    );
    unchanged(h, before);
    const lower = await h.reconcile(['--apply', '--yes', '--max-reclaims', String(reclaims - 1)]);
    expect(lower.code).toBe(1);
    expect(lower.stderr).toContain(`more than --max-reclaims ${reclaims - 1}`);
    unchanged(h, before);
    const enough = await h.reconcile(['--apply', '--yes', '--max-reclaims', String(reclaims)]);
    expect(enough.stderr).not.toContain('--max-reclaims');
    expect(h.fake.requests.some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('refuses a plan that needs more seats than are free, naming the shortfall', async () => {
    const sizes = { ...SMALL, left: 2, plus: 0 };
    const probe = buildAccount(sizes);
    // Pro has seats for what is held now plus all but five of what the plan needs.
    const heldPro = probe.seed.users?.filter((u) => u.licenseKeys?.includes(PRO)).length ?? 0;
    const neededPro =
      probe.truth.create.length +
      probe.truth.license.filter((change) => change.licenseKeys.includes(PRO)).length;
    const reclaimedPro = probe.truth.reclaim.filter((c) => c.licenseKeys.includes(PRO)).length;
    const account = buildAccount(sizes);
    const proSeats = heldPro + neededPro - reclaimedPro - 5;
    for (const license of account.seed.licenses ?? []) {
      if (license.key === PRO) license.seats = proSeats;
    }
    const h = harness(account, settings());
    const before = snapshot(h.fake);
    const done = await h.reconcile(['--apply', '--yes']);
    expect(done.code).toBe(1);
    expect(done.stderr).toBe(
      `reconcile: license ${PRO} (GoToMeeting Pro) needs ${neededPro} seats and has ${neededPro - 5} free after the reclaims: 5 short; nothing was changed. Add seats in GoTo or assign fewer users, then run reconcile again.`,
    );
    unchanged(h, before);
    // The plan alone says so too, and still shows the seats.
    const plan = await h.reconcile([]);
    expect(plan.stderr).toContain('reconcile: --apply would be refused: license');
    expect(plan.stdout).toMatch(
      new RegExp(`${PRO}\\s+GoToMeeting Pro\\s+\\d+\\s+\\d+\\s+${neededPro}\\s+-5`),
    );
    expect(plan.stdout).toMatch(new RegExp(`${STANDARD}\\s+GoToMeeting Standard`));
  });

  it('without a terminal needs --yes: exit 2, nothing changed', async () => {
    const h = harness(buildAccount(SMALL), settings());
    const before = snapshot(h.fake);
    const done = await h.reconcile(['--apply', '--max-reclaims', '50'], {
      prompt: { interactive: false, ask: async () => 'apply', show: () => {} },
    });
    expect(done.code).toBe(2);
    expect(done.stderr).toBe(
      'reconcile --apply changes GoTo and needs --yes when it is not run from a terminal; nothing was changed',
    );
    unchanged(h, before);
  });

  it('on a terminal shows what will change and goes ahead only on the typed word', async () => {
    const h = harness(buildAccount(SMALL), settings());
    const before = snapshot(h.fake);
    const no = prompt('yes');
    const refused = await h.reconcile(['--apply', '--max-reclaims', '50'], { prompt: no.made });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('not confirmed ("apply" was not typed); nothing was changed');
    expect(no.shown[0]).toMatch(
      /^GoTo account 1000000000000000001 at https:\/\/api\.getgo\.com\/admin\/rest\/v1 will be changed:\n {2}take this app's licenses back from 12 user\(s\) \(they stay in GoTo\)\n {2}assign missing licenses to 34 user\(s\)\n {2}create 248 user\(s\) in calls of up to 100, locale en_US, with GoTo's own welcome email$/,
    );
    unchanged(h, before);
    const yes = prompt('apply');
    const applied = await h.reconcile(['--apply', '--max-reclaims', '50'], { prompt: yes.made });
    expect(applied.stdout).toContain('Applied to GoTo account');
    expect(methodsSeen(h.fake).sort()).toEqual(['DELETE', 'GET', 'POST']);
  });

  it('refuses to act for an app whose provisioning is not enabled, as the workflows do', async () => {
    const h = harness(buildAccount(SMALL), settingsFile({ licenses: APP_KEYS, enabled: false }));
    const before = snapshot(h.fake);
    const done = await h.reconcile(['--apply', '--yes', '--max-reclaims', '50']);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain(
      'reconcile: EnableAccountProvisioning is false in the settings file: the workflows skip this app',
    );
    unchanged(h, before);
  });

  it.each([
    ['an empty file', ''],
    ['a header only', 'E-Mail;First name;Surname\n'],
    ['values none of which is an address', 'email\nJane Doe\nnot-an-address\n'],
  ])('refuses %s as a usage mistake, before any call', async (_, csv) => {
    const h = harness(buildAccount(SMALL), settings());
    const file = tempFile('assigned.csv', csv);
    for (const apply of [[], ['--apply', '--yes']]) {
      const done = await h.reconcile([...apply, '--assigned', file]);
      expect(done.code).toBe(2);
      expect(done.stderr).toBe(
        `the --assigned file ${file} holds no email address (it is empty, has only a header, or no value is an address): an empty assignment would mean reclaiming every seat; export the app's assignments again`,
      );
    }
    expect(h.fake.requests).toEqual([]);
  });

  it.each([
    [['--batch-size', '0'], '--batch-size must be a whole number from 1 to 100, not "0"'],
    [['--batch-size', '101'], '--batch-size must be a whole number from 1 to 100, not "101"'],
    [['--batch-size', 'ten'], '--batch-size must be a whole number from 1 to 100, not "ten"'],
    [['--max-reclaims', '-1'], '--max-reclaims must be a whole number 0 or more, not "-1"'],
    [['--yes'], '--yes confirms the changes of --apply; without --apply nothing is changed'],
    [['--welcome-email', 'loud'], '--welcome-email must be "goto-default" or "suppress"'],
    [
      ['--welcome-subject', 'Hi'],
      "or a custom email given with --welcome-subject and --welcome-text: the custom email's text must be non-empty text",
    ],
    [['--locale', 'english'], '--locale must be a GoTo locale of the form ll_CC'],
  ])('refuses %j as a usage mistake, before any call', async (flags, words) => {
    const h = harness(buildAccount(SMALL), settings());
    const done = await h.reconcile(flags);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain(words);
    expect(h.fake.requests).toEqual([]);
  });

  it('needs --assigned', async () => {
    const h = harness(buildAccount(SMALL), settings());
    const bare = await callCommand(h.fake, reconcileCommand, [h.settings]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("required option '--assigned <file>' not specified");
    expect(h.fake.requests).toEqual([]);
  });
});
