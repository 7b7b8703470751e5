/** The one log channel, and the bridge from the host's log levels to it. */
import * as vscode from 'vscode';
import type { LogLevel } from '../protocol/messages';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Lunette', { log: true });
}

export function writeLog(log: vscode.LogOutputChannel, level: LogLevel, message: string): void {
  switch (level) {
    case 'trace':
      return log.trace(message);
    case 'debug':
      return log.debug(message);
    case 'info':
      return log.info(message);
    case 'warn':
      return log.warn(message);
    case 'error':
      return log.error(message);
  }
}
