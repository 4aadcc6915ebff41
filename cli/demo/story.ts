import { closeApi, resultOf, runBuiltScript } from '../../emulator';
import { hostContext } from '../../emulator/contexts';
import { createFakeGoto } from '../../emulator/fake-goto';
import { createWebhookReceiver, withWebhook } from '../../emulator/webhook-receiver';
import { withOption } from '../../scripts/build/options-block';
import { readBuilt, type ScriptName } from '../../scripts/build/scripts';
import { summaryOfNotice } from '../shared/run-report';
import { bold, dim, green, red, table } from '../shared/terminal';

/**
 * `demo`: the built scripts on a realistic story, against the built-in fake GoTo API.
 * Two MyWorkspace apps, "GoToMeeting Standard" and "GoToMeeting Pro", one license each. Exits
 * non-zero when any step's outcome is not the one the story expects.
 */

const APPS = { Standard: '6000000000000000001', Pro: '6000000000000000002' } as const;
type App = keyof typeof APPS;

interface Step {
  what: string;
  trigger: 'assign' | 'unassign';
  app: App;
  email: string;
  expect: string;
  before?: () => void;
  /** The app was connected after GoTo's token migration: no account_key, so GET /me first. */
  tokenOnly?: true;
  /** The script's block names a webhook (the demo's receiver): a failed run is posted to it. */
  notify?: true;
}

const fake = createFakeGoto({
  numericKeys: true,
  licenses: [
    { key: APPS.Standard, seats: 25 },
    { key: APPS.Pro, seats: 5 },
  ],
  users: [{ email: 'Sam+GoToMeeting@Example.com', firstName: 'Sam', lastName: 'Lee' }],
});
const NEW_TOKEN = 'demo-token-after-reconnect';
/** A chat channel's incoming webhook, answered by the emulator's receiver. */
const webhook = createWebhookReceiver('https://hooks.example.test/services/T0001/B0001/demo');

const STORY: Step[] = [
  {
    what: 'Jane joins: assigned to Standard',
    trigger: 'assign',
    app: 'Standard',
    email: 'jane.doe@example.com',
    expect: 'created',
  },
  {
    what: 'Jane is promoted: assigned to Pro',
    trigger: 'assign',
    app: 'Pro',
    email: 'jane.doe@example.com',
    expect: 'licensed',
  },
  {
    what: 'and unassigned from Standard',
    trigger: 'unassign',
    app: 'Standard',
    email: 'jane.doe@example.com',
    expect: 'unlicensed',
  },
  {
    what: 'Sam (plus-address, other case in GoTo)',
    trigger: 'assign',
    app: 'Standard',
    email: 'sam+gotomeeting@example.com',
    expect: 'licensed',
  },
  {
    what: 'Sam assigned again: nothing to do',
    trigger: 'assign',
    app: 'Standard',
    email: 'sam+gotomeeting@example.com',
    expect: 'unchanged',
  },
  {
    what: 'Ravi joins Pro while GoTo rate-limits',
    trigger: 'assign',
    app: 'Pro',
    email: 'ravi.patel@example.com',
    expect: 'created',
    before: () => fake.inject({ method: 'GET', times: 2, respond: { status: 429 } }),
  },
  {
    what: 'The token expires: Ravi leaves Pro',
    trigger: 'unassign',
    app: 'Pro',
    email: 'ravi.patel@example.com',
    expect: 'failed',
    before: () => fake.expireToken(NEW_TOKEN),
  },
  {
    what: 'Reconnected: Ravi leaves Pro',
    trigger: 'unassign',
    app: 'Pro',
    email: 'ravi.patel@example.com',
    expect: 'unlicensed',
  },
  {
    what: 'Jane leaves: unassigned from Pro',
    trigger: 'unassign',
    app: 'Pro',
    email: 'jane.doe@example.com',
    expect: 'unlicensed',
  },
  {
    what: 'Lee joins through an app connected today (no account_key)',
    trigger: 'assign',
    app: 'Standard',
    email: 'lee.chen@example.com',
    expect: 'created',
    tokenOnly: true,
  },
  {
    what: 'Sam is assigned to Pro, which has no seat free',
    trigger: 'assign',
    app: 'Pro',
    email: 'sam+gotomeeting@example.com',
    expect: 'failed',
    before: () =>
      fake.inject({ method: 'POST', path: /\/licenses\//, times: 1, respond: { status: 422 } }),
    notify: true,
  },
];

const SCRIPT: Record<Step['trigger'], ScriptName> = {
  assign: 'provisioning',
  unassign: 'deprovisioning',
};

function held(email: string): string {
  const user = fake.user(email);
  if (!user) return dim('(no GoTo user)');
  const names = user.licenseKeys.map(
    (key) => (Object.keys(APPS) as App[]).find((app) => APPS[app] === key) ?? key,
  );
  return names.length > 0 ? names.join(', ') : dim(`none (${user.status.toLowerCase()})`);
}

/** Runs the story on the scripts in dist/; 1 when a step did not end as expected. */
export async function runDemo(): Promise<number> {
  let token = fake.options.token;
  const rows: string[][] = [];
  let mismatches = 0;
  try {
    for (const [index, step] of STORY.entries()) {
      step.before?.();
      const context = hostContext({
        email: step.email,
        licenses: [APPS[step.app]],
        token,
        ...(step.tokenOnly
          ? {
              oauth: JSON.stringify({
                access_token: token,
                token_type: 'Bearer',
                expires_in: 3600,
              }),
            }
          : {}),
      });
      const built = readBuilt(SCRIPT[step.trigger]);
      const run = await runBuiltScript({
        script: step.notify ? withOption(built, 'notifyUrl', webhook.url) : built,
        context,
        api: withWebhook(fake, webhook),
      });
      const result = resultOf(run);
      if (result.error === 'unauthorized') token = NEW_TOKEN;
      const matches = result.outcome === step.expect;
      if (!matches) mismatches += 1;
      const outcome = result.error ? `${result.outcome} (${result.error})` : result.outcome;
      const waitedMs = run.retryDelays.reduce((sum, ms) => sum + Math.max(0, ms), 0);
      const waited = waitedMs > 0 ? dim(` +${waitedMs / 1000}s retry wait`) : '';
      rows.push([
        String(index + 1),
        step.what,
        `${step.trigger} ${step.app}`,
        matches ? green(outcome) : red(`${outcome}, expected ${step.expect}`),
        `${result.calls.length}${waited}`,
        held(step.email),
      ]);
    }
  } finally {
    closeApi();
  }
  console.log(
    bold('GoToMeeting workflows for MyWorkspace: the built scripts against the fake GoTo API\n'),
  );
  console.log(
    table(['#', 'step', 'workflow', 'outcome', 'calls', 'licenses held afterwards'], rows),
  );
  console.log(
    `\n${dim('Step 7 fails on purpose: an expired token ends as "unauthorized", and the administrator reconnects the app.')}`,
  );
  console.log(
    dim(
      "Step 10: a connection made since GoTo's token migration holds no account_key; the script asks GET /me for the account (one call more).",
    ),
  );
  const notices = webhook.received.map((notice) => summaryOfNotice(notice.json));
  console.log(
    dim(
      `Step 11: a script whose options block names a chat webhook (notifyUrl) posts the failed run there; the webhook got ${notices.length} message(s):`,
    ),
  );
  for (const notice of notices) console.log(`  ${notice}`);
  if (notices.length !== 1) mismatches += 1;
  if (mismatches > 0) {
    console.error(red(`\n${mismatches} step(s) did not end as the story expects.`));
    return 1;
  }
  console.log(green(`\nAll ${STORY.length} steps ended as expected.`));
  return 0;
}
