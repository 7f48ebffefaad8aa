import { runStartupBench } from './startup';
import { runIdleBench } from './footprint';
const which = process.argv[2];
console.log(JSON.stringify(which === 'idle' ? await runIdleBench() : await runStartupBench(2)));
process.exit(0);
