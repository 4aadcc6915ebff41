import { version } from 'virtual:build-info';
import { deprovision } from '../workflows/deprovision';
import { runWorkflow } from '../workflows/run';

const options = typeof GOTO_OPTIONS === 'undefined' ? undefined : GOTO_OPTIONS;
runWorkflow('deprovision', { context, rest, done }, { version, options }, deprovision);
