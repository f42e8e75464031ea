/**
 * A worker thread of `segur-json check` on a folder (checkCommand.ts `runCheckAsync`; bundled as dist/cli-worker.js). It is
 * given the options of the run once (`workerData`: plain data, the templates included; one set per configuration), then one file at a time,
 * and answers each with the file's outcome (checkFile.ts): findings with their ranges, detection, settled summary,
 * packed line starts; never the text (but for --format html). Nothing is logged: files hold health data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type FileCheckOptions, type FileOutcome } from './checkFile';

/** main → worker: check file number `i`. */
export interface ToWorker {
  i: number;
  file: string;
  explicit: boolean;
  /** The index of its options among the run's (one per segur.config.json: cli/configs.ts). */
  group: number;
}

/** worker → main: its outcome, or none when the check threw past checkFile's own guards (main checks it again). */
export interface FromWorker {
  i: number;
  outcome?: FileOutcome;
}

if (parentPort) {
  const port = parentPort;
  const options = workerData as FileCheckOptions[];
  port.on('message', (m: ToWorker) => {
    let outcome: FileOutcome | undefined;
    try {
      outcome = checkFile(m.file, m.explicit, options[m.group] ?? options[0]);
    } catch {
      outcome = undefined;
    }
    const reply: FromWorker = { i: m.i, outcome };
    // The packed line starts move to the main thread without a copy.
    const lines = outcome?.lines;
    port.postMessage(reply, lines && lines.byteOffset === 0 && lines.byteLength === lines.buffer.byteLength ? [lines.buffer as ArrayBuffer] : []);
  });
}
