/**
 * A server of one test file's own on 127.0.0.1, which a fault test may stop and start again
 * while the code under test keeps running.
 */
export interface PrivateServer {
  url: string;
  port: number;
  /** Shuts the server down and waits for it to exit; connections are refused until `start()`. */
  stop(): Promise<void>;
  /** Starts it again on the same port (a no-op when running); resolves once it accepts connections. */
  start(): Promise<void>;
  /** Kills the server and deletes its files; also happens by itself if this process dies first. */
  destroy(): Promise<void>;
}
