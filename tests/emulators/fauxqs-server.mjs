// fauxqs (SQS JSON protocol + S3) on 127.0.0.1 only (its CLI listens on every interface).
// Usage: node fauxqs-server.mjs [port]   (0 or nothing: a free port). Prints "listening <port>" when ready.
// Stops on SIGTERM/SIGINT, and with EMULATOR_EXIT_WITH_STDIN=1 also when its standard input closes (the test
// process that started it is gone).
import { buildApp } from "fauxqs";

const port = Number(process.argv[2] ?? "0");
const app = buildApp({ logger: false });
const address = await app.listen({ port, host: "127.0.0.1" });
console.log(`listening ${new URL(address).port}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
if (process.env.EMULATOR_EXIT_WITH_STDIN === "1") {
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}
