// The "Card OCR" output channel, a log channel: VS Code stamps each line and lets the user pick the level shown
// (debug lines, such as tesseract's own notes, are hidden at the default Info). Full stacks go here, never into toasts.
import * as vscode from 'vscode';
import { errorMessage } from '../common/assert';
import { outputChannelName } from './ids';

export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel(outputChannelName, { log: true });

  /** `level` as the engine and server name it: debug, info, warn, error (anything else is info). */
  line(level: string, message: string): void {
    switch (level) {
      case 'debug': this.channel.debug(message); break;
      case 'warn': this.channel.warn(message); break;
      case 'error': this.channel.error(message); break;
      default: this.channel.info(message);
    }
  }

  error(context: string, error: unknown): void {
    this.channel.error(`${context}: ${errorMessage(error)}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`);
  }

  show(): void { this.channel.show(true); }

  dispose(): void { this.channel.dispose(); }
}
