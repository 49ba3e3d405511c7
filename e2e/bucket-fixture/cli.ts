/**
 * Manual runs: `npx tsx e2e/bucket-fixture/cli.ts [--port 3310] [--bucket thanos]`
 * Starts s3rver (stand-in for MinIO/S3, which cannot be had here) with seeded Thanos blocks and prints
 * how to reach it, e.g. `AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws --endpoint-url … s3 ls`.
 */
import { parseArgs } from "node:util";
import { startBucketFixture } from "./index";

const { values } = parseArgs({
  options: { port: { type: "string", default: "3310" }, bucket: { type: "string", default: "thanos" } },
});
const fixture = await startBucketFixture({ port: Number(values.port), bucket: values.bucket });
const count = (state: string) => fixture.blocks.filter((b) => b.state === state).length;
console.log(`endpoint  ${fixture.endpoint}`);
console.log(`bucket    ${fixture.bucket} (region ${fixture.region}, path-style)`);
console.log(`keys      ${fixture.accessKey} / ${fixture.secretKey}`);
console.log(
  `blocks    ${count("live")} live, ${count("deletion-marked")} marked for deletion, ${count("partial")} partial upload`,
);
const stop = () => void fixture.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
