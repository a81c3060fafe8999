// The server's door: the only server file other areas import. Holds no logic.
export { startServer, defaultServerLimits, type ServerHandle, type ServerLimits, type ServerOptions } from './start-server';
export { discoveryFilePath } from './discovery-file';
export { openApiDocument } from './openapi';
export type { DroppedWatcher } from './ws/watch-server';
