import { generate } from "selfsigned";

/** A TLS key and certificate, both PEM. */
export interface TlsCertificate {
  key: string;
  cert: string;
}

/**
 * A fresh certificate for `localhost`, `127.0.0.1` and `::1`, made at start-up so no private key ever lives in the
 * repository. Clients trust it by its PEM (`EmulatorServer.certificate`).
 */
export async function createSelfSignedCertificate(): Promise<TlsCertificate> {
  const result = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notAfterDate: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { key: result.private, cert: result.cert };
}
