// The bot as `npm run start` runs it, for the kill -9 tests (kill.test.ts). With
// FAULTS_OWN_PID_LOCK the PGlite folder lock is first made to name this very process, as after a
// container restart where the new process got the crashed one's pid.
import { writeFileSync } from 'node:fs';
import { runBot } from '../../bot/main';

if (process.env.FAULTS_OWN_PID_LOCK && process.env.PGLITE_DATA_DIR) writeFileSync(`${process.env.PGLITE_DATA_DIR}.lock`, String(process.pid));
await runBot({});
process.stdout.write('\nBOT READY\n');
