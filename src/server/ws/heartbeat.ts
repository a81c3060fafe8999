// Ping every watcher each interval; one that has not answered the previous ping is terminated, so a dead
// or stalled socket never holds memory for long. Knows nothing of batches.
import type { WebSocket, WebSocketServer } from 'ws';
import { toDisposable, type Disposable } from '../../common/lifecycle';

export function startHeartbeat(wss: WebSocketServer, intervalMs: number, onDead: (socket: WebSocket) => void): Disposable {
  const alive = new WeakMap<WebSocket, boolean>();
  const onConnection = (socket: WebSocket): void => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  };
  wss.on('connection', onConnection);
  const timer = setInterval(() => {
    for (const socket of wss.clients) {
      if (alive.get(socket) === false) {
        onDead(socket);
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return toDisposable(() => { clearInterval(timer); wss.off('connection', onConnection); });
}
