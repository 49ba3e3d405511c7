// Certificates for the Kubernetes API test server: a throwaway CA and a server certificate for
// 127.0.0.1/localhost signed by it, so kubectl verifies TLS against certificate-authority-data
// exactly as it would against a real cluster (no --insecure-skip-tls-verify).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

export interface TestPki {
  caPem: string;
  certPem: string;
  keyPem: string;
}

// RSA key generation in pure JS (forge) takes seconds; node's native generator is near-instant.
function rsaKeys(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), keyPem };
}

function serial(): string {
  // Positive serial: clear the top bit.
  const b = randomBytes(12);
  b[0] = b[0]! & 0x7f;
  return b.toString("hex");
}

/** An unsigned certificate valid from a minute ago for a year. */
function certificate(
  publicKey: forge.pki.rsa.PublicKey,
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
  extensions: object[],
): forge.pki.Certificate {
  const c = forge.pki.createCertificate();
  c.publicKey = publicKey;
  c.serialNumber = serial();
  c.validity.notBefore = new Date(Date.now() - 60_000);
  c.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600_000);
  c.setSubject(subject);
  c.setIssuer(issuer);
  c.setExtensions(extensions);
  return c;
}

let cached: TestPki | undefined;

/** One CA + server certificate per process: generation is the slow part of starting a server. */
export function testPki(): TestPki {
  if (cached) return cached;
  const ca = rsaKeys();
  const caName = [{ name: "commonName", value: "topology-studio-test-ca" }];
  const caCert = certificate(ca.publicKey, caName, caName, [
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const srv = rsaKeys();
  const cert = certificate(srv.publicKey, [{ name: "commonName", value: "kube-apiserver" }], caName, [
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 2, value: "localhost" },
        { type: 2, value: "kubernetes.default.svc" },
        { type: 7, ip: "127.0.0.1" },
      ],
    },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.privateKey, forge.md.sha256.create());

  cached = { caPem: forge.pki.certificateToPem(caCert), certPem: forge.pki.certificateToPem(cert), keyPem: srv.keyPem };
  return cached;
}
