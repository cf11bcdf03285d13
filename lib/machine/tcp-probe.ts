import "server-only";
// Does anything accept a TCP connection on host:port within the time? Resolves, or rejects with why.
import { connect } from "node:net";

export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    });
    socket.once("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why: Record<string, string> = {
        ECONNREFUSED: "connection refused",
        ENOTFOUND: "host name not found",
        EAI_AGAIN: "host name not found",
        EHOSTUNREACH: "host unreachable",
        ENETUNREACH: "network unreachable",
      };
      reject(new Error(why[err.code ?? ""] ?? err.message));
    });
  });
}
