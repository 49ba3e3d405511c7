// Encryption at rest for kubeconfigs and design secret values: AES-256-GCM with a 96-bit random nonce.
//
// Key: STUDIO_SECRET_KEY when set (any string; HKDF-SHA256 derives the 32-byte key from it, so a
// passphrase or a base64 blob both work), otherwise 32 random bytes generated once into
// ./data/secret.key (mode 0600; the folder follows STUDIO_DATA_DIR). Losing the key makes every
// sealed value unreadable: clusters must be re-registered and design secrets re-entered.
//
// Sealed format: "v1:" + base64url(nonce(12) | ciphertext | tag(16)).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const VERSION = "v1:";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.STUDIO_DATA_DIR || "data");
}

/** Derives the 32-byte AES key from any configured string. Fixed salt/info: the same string must give the same key. */
export function deriveKey(secret: string): Buffer {
  return Buffer.from(
    hkdfSync("sha256", Buffer.from(secret, "utf8"), "topology-studio", "secret-box/aes-256-gcm/v1", 32),
  );
}

/** The key file's path when no STUDIO_SECRET_KEY is set. */
export function secretKeyFile(): string {
  return path.join(dataDir(), "secret.key");
}

function loadOrCreateKeyFile(file: string): Buffer {
  if (existsSync(file)) {
    const raw = readFileSync(file, "utf8").trim();
    const key = Buffer.from(raw, "base64");
    if (key.length !== 32) throw new Error(`${file} does not hold a base64 32-byte key`);
    return key;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  // "wx" fails if another process created the file in between; then read what it wrote.
  try {
    writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return loadOrCreateKeyFile(file);
    throw err;
  }
}

let cached: { source: string; key: Buffer } | undefined;

function key(): Buffer {
  const configured = process.env.STUDIO_SECRET_KEY;
  const source = configured ? `env:${configured}` : `file:${secretKeyFile()}`;
  if (!cached || cached.source !== source) {
    cached = { source, key: configured ? deriveKey(configured) : loadOrCreateKeyFile(secretKeyFile()) };
  }
  return cached.key;
}

/** Makes sure a key exists (generating ./data/secret.key if needed); call at startup so the file appears early. */
export function ensureSecretKey(): "env" | "file" {
  key();
  return process.env.STUDIO_SECRET_KEY ? "env" : "file";
}

export function seal(plaintext: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key(), nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
}

export class SecretBoxError extends Error {}

export function open(sealed: string): string {
  if (!isSealed(sealed)) throw new SecretBoxError("not a sealed value");
  const raw = Buffer.from(sealed.slice(VERSION.length), "base64url");
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw new SecretBoxError("sealed value is truncated");
  const nonce = raw.subarray(0, NONCE_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  const body = raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), nonce);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    // Wrong key or tampered data: GCM authentication fails either way.
    throw new SecretBoxError("cannot decrypt: the secret key changed or the value was tampered with");
  }
}

export function isSealed(value: string): boolean {
  return typeof value === "string" && value.startsWith(VERSION);
}
