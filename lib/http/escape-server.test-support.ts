// A real HTTP server whose handlers let errors escape (a throw in a timer, a rejection nobody
// handles), wrapped like server.ts wraps every request. Run as its own process by
// request-scope.test.ts: an uncaught exception must not touch the test runner.
import { createServer } from "node:http";
import { catchEscapedErrors, inRequestScope } from "./request-scope";

catchEscapedErrors((m) => console.log(`[escaped] ${m.split("\n")[0]}`));
const server = createServer((req, res) =>
  inRequestScope(req, res, () => {
    if (req.url === "/throw-later")
      setTimeout(() => {
        throw new Error("boom in a timer");
      }, 5);
    else if (req.url === "/reject") void Promise.reject(new Error("nobody handles this"));
    else if (req.url === "/half") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("partial");
      setTimeout(() => {
        throw new Error("after headers");
      }, 5);
    } else res.end("fine");
  }),
);
server.listen(0, "127.0.0.1", () => console.log(`port ${(server.address() as { port: number }).port}`));
