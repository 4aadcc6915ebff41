import { buildInfo } from 'virtual:build-info';
import { deprovision } from '../workflows/deprovision';
import { runWorkflow } from '../workflows/run';

runWorkflow('deprovision', { context, rest, done }, buildInfo, deprovision);
