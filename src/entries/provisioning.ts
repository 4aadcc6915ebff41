import { version } from 'virtual:build-info';
import { provision } from '../workflows/provision';
import { runWorkflow } from '../workflows/run';

const options = typeof GOTO_OPTIONS === 'undefined' ? undefined : GOTO_OPTIONS;
runWorkflow('provision', { context, rest, done }, { version, options }, provision);
