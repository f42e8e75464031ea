/**
 * Extension-tests entry point (the `extensionTestsPath` of @vscode/test-electron): loaded in the extension host of
 * code-server, runs the mocha suite next to it. run() rejects on any failure, so the workbench exits with code 1.
 */
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', bail: true });
  mocha.addFile(join(__dirname, 'segur.suite.js'));
  mocha.addFile(join(__dirname, 'deposit.suite.js'));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
