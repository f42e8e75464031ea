/**
 * The progress of the workspace index as standard LSP work-done progress: created by the server
 * (`window/workDoneProgress/create`, only for a client that says `window.workDoneProgress`), then `$/progress`
 * begin, report and end. VS Code shows it natively. A client without that capability gets nothing and the index is
 * built all the same. The messages carry counts only: never a file name, never content.
 */
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { Locale } from '../../segur';
import type { ScanHooks } from './workspace';

const TITLE: Record<Locale, string> = { fr: 'Indexation des fichiers Ségur', en: 'Indexing Ségur files' };
/** At most one report per this many milliseconds (the last one is always sent). */
const REPORT_EVERY_MS = 100;

export interface IndexProgress {
  /** What the index tells as it goes (WorkspaceIndex.scanInBackground). */
  hooks: ScanHooks;
  /** The scan is over (done or superseded): the progress ends. */
  end(): void;
}

/**
 * One scan's progress: « Indexation des fichiers Ségur » with « 120 / 300 » and a percentage. Never holds up the
 * scan: the token is created while the files are already being read, and what was told meanwhile is sent once the
 * client has answered (a client that refuses the token gets nothing more).
 */
export function indexProgress(connection: Connection, locale: Locale): IndexProgress {
  let reporter: WorkDoneProgressServerReporter | undefined;
  let state: { done: number; total: number } | undefined;
  let ended = false;
  let begun = false;
  let lastReport = 0;
  const message = (s: { done: number; total: number }) => `${s.done} / ${s.total}`;
  const percentage = (s: { done: number; total: number }) => (s.total > 0 ? Math.floor((100 * s.done) / s.total) : 100);
  const begin = () => {
    if (!reporter || !state || begun) return;
    begun = true;
    reporter.begin(TITLE[locale], percentage(state), message(state));
    lastReport = Date.now();
  };
  const tell = (force: boolean) => {
    if (!reporter || !state) return;
    if (!begun) return begin();
    if (!force && Date.now() - lastReport < REPORT_EVERY_MS) return;
    lastReport = Date.now();
    reporter.report(percentage(state), message(state));
  };
  const finish = () => {
    if (!reporter) return;
    begin();
    tell(true);
    reporter.done();
    reporter = undefined;
  };
  const hooks: ScanHooks = {
    onStart: (total) => {
      // Nothing to tell for a workspace without JSON files.
      if (total === 0) return;
      state = { done: 0, total };
      connection.window.createWorkDoneProgress().then(
        (r) => {
          reporter = r;
          if (ended) finish();
          else begin();
        },
        () => undefined, // refused by the client: no progress, the scan goes on
      );
    },
    onProgress: (done, total) => {
      if (!state) return;
      state = { done, total };
      tell(done === total);
    },
  };
  return {
    hooks,
    end: () => {
      if (ended) return;
      ended = true;
      finish();
    },
  };
}
