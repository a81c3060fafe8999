// Where the page runs: inside a VS Code webview (postMessage to the extension, view state kept by VS Code)
// or in a plain browser tab served by the server (address from location, token from the URL fragment).
import { Emitter, type EventListen } from '../../src/common/lifecycle';
import { HostToPage, type PageToHost } from '../../src/protocol/index';

/** What the page remembers across reloads of the panel or tab: the open batch, and the card under review. */
export interface PageState { batchId?: string; reviewCard?: string }

export interface PageHost {
  readonly kind: 'vscode' | 'browser';
  readonly onDidReceiveMessage: EventListen<HostToPage>;
  post(message: PageToHost): void;
  getState(): PageState;
  setState(state: PageState): void;
  /** Call once listeners are attached: the webview host answers with `connect`; the browser host fires it itself. */
  start(): void;
}

interface VsCodeApi { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void }
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export function detectPageHost(): PageHost {
  return typeof acquireVsCodeApi === 'function' ? webviewHost(acquireVsCodeApi()) : browserHost();
}

function webviewHost(api: VsCodeApi): PageHost {
  const emitter = new Emitter<HostToPage>();
  window.addEventListener('message', event => {
    const parsed = HostToPage.safeParse(event.data);
    if (parsed.success) { emitter.fire(parsed.data); }   // anything else is not ours (VS Code posts its own)
  });
  return {
    kind: 'vscode',
    onDidReceiveMessage: emitter.event,
    post: message => api.postMessage(message),
    getState: () => (api.getState() as PageState | undefined) ?? {},
    setState: state => api.setState(state),
    start: () => api.postMessage({ type: 'ready' } satisfies PageToHost),
  };
}

/** `#token=…&batch=…&review=…`: the fragment never reaches the server or its logs. */
function browserHost(): PageHost {
  const emitter = new Emitter<HostToPage>();
  const read = (): { token: string; batch: string | null; review: string | null } => {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    return { token: params.get('token') ?? '', batch: params.get('batch'), review: params.get('review') };
  };
  const write = (state: PageState): void => {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (state.batchId) { params.set('batch', state.batchId); } else { params.delete('batch'); }
    if (state.reviewCard) { params.set('review', state.reviewCard); } else { params.delete('review'); }
    history.replaceState(null, '', `#${params.toString()}`);
  };
  return {
    kind: 'browser',
    onDidReceiveMessage: emitter.event,
    post: () => { /* no host to tell: the server already knows what the page did */ },
    getState: () => {
      const { batch, review } = read();
      return { ...(batch ? { batchId: batch } : {}), ...(batch && review ? { reviewCard: review } : {}) };
    },
    setState: write,
    start: () => {
      const { token, batch } = read();
      const parsed = HostToPage.safeParse({ type: 'connect', serverUrl: `${location.origin}${location.pathname}`, token, ...(batch ? { batchId: batch } : {}) });
      if (parsed.success) { emitter.fire(parsed.data); }
    },
  };
}
