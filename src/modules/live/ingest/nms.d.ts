// Minimal types for the parts of node-media-server v4 (plain JS, no typings) that live/ingest uses.

declare module 'node-media-server' {
  /** An NMS connection (RTMP publisher/player here). streamPath is "/<app>/<name>": it holds the stream key. */
  export interface NmsSession {
    /** "address:port" of the peer. */
    readonly ip: string;
    readonly streamApp: string;
    readonly streamName: string;
    readonly streamPath: string;
    /** Present on RTMP sessions. */
    readonly socket?: import('node:net').Socket;
    /** socket.end() */
    close(): void;
  }

  export interface NmsConfig {
    bind?: string;
    rtmp?: { port?: number };
  }

  class NodeMediaServer {
    constructor(config: NmsConfig, configPath?: string);
    /** tcpServer is created only for a truthy config.rtmp.port. */
    readonly rtmpServer: { readonly tcpServer?: import('node:net').Server };
    /** Stops every sub-server (destroying RTMP sockets) and the rate sampler; one-shot. */
    stop(): Promise<void>;
  }
  export default NodeMediaServer;
}

declare module 'node-media-server/src/core/context.js' {
  import type { EventEmitter } from 'node:events';
  import type { NmsSession } from 'node-media-server';
  /** Process-wide singleton shared by every NodeMediaServer instance. */
  const Context: {
    /** prePublish/postPublish/donePublish, prePlay/postPlay/donePlay, postRecord/doneRecord: (session) => void */
    eventEmitter: EventEmitter;
    /** streamPath → its publisher and players */
    broadcasts: Map<string, { publisher: NmsSession | null; subscribers: Map<string, NmsSession> }>;
  };
  export default Context;
}

declare module 'node-media-server/src/core/logger.js' {
  /** Process-wide singleton that console.logs; every level method goes through log(). */
  const logger: { log(message: string, level?: string): void };
  export default logger;
}
