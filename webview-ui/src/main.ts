// The dashboard bundle's entry (dist/webview.js): the same page in a VS Code webview and at the server's `/`.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import themes from './browser-themes.css';
import css from './styles.css';
import { Dashboard } from './dashboard';
import { detectPageHost } from './page-host';

// A constructed sheet, not a <style> element: the webview's CSP allows no inline styles.
const sheet = new CSSStyleSheet();
sheet.replaceSync(`${themes}\n${css}`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
const dashboard = new Dashboard(root, detectPageHost());
window.addEventListener('unload', () => dashboard.dispose());
