import { buildInfo } from 'virtual:build-info';
import { provision } from '../workflows/provision';
import { runWorkflow } from '../workflows/run';

runWorkflow('provision', { context, rest, done }, buildInfo, provision);
