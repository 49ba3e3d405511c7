// Random bearer secrets and their stored form. Only sha256 hashes are stored: the secrets have 256 bits
// of entropy, so a fast hash is enough and lookups stay a single indexed query.
import { createHash, randomBytes } from "node:crypto";

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}
