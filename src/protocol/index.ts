// The protocol's door: every schema and type that crosses a process boundary.
export * from './problems';
export * from './fields';
export * from './batch';
export * from './checkpoint';
export * from './messages';
export * from './engine-ipc';
export * from './engine-requests';
export * from './batch-start';
export * from './api';
export * from './webview';
export * from './report';
export * from './unknown-keys';
export * from './template-check';
export * from './learned-model';
export * from './learn';
export * from './routes';
