// extensionTestsPath entry: the contract of @vscode/test-electron, run here inside code-server's extension host.
const path = require('node:path');
const fs = require('node:fs');
const Mocha = require('mocha');

exports.run = () =>
  new Promise((resolve, reject) => {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
    for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
    const runner = mocha.run((failures) => {
      console.log(`${runner.stats.passes} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
  });
