// The "Card OCR" output channel: one timestamped line per event; full stacks go here, never into toasts.
import * as vscode from 'vscode';
import { errorMessage } from '../common/assert';
import { outputChannelName } from './ids';

export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel(outputChannelName);

  line(level: string, message: string): void {
    this.channel.appendLine(`${new Date().toISOString()} [${level}] ${message}`);
  }

  error(context: string, error: unknown): void {
    this.line('error', `${context}: ${errorMessage(error)}`);
    if (error instanceof Error && error.stack) { this.channel.appendLine(error.stack); }
  }

  show(): void { this.channel.show(true); }

  dispose(): void { this.channel.dispose(); }
}
