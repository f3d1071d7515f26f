import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A package the registry serves: its manifest fields npm reads, and its tarball. */
interface ServedPackage {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  tarball: string;
}

export interface LoopbackRegistry extends AsyncDisposable {
  url: string;
  /** Names served, ours and their dependencies. */
  names: string[];
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * An npm registry on 127.0.0.1 that serves our packed tarballs and, re-packed from the repository's `node_modules`,
 * every package they depend on (transitively). `npm install --registry <url>` then installs exactly as a user's
 * install from npmjs.org would — resolving ranges, placing dependencies — while the test touches only loopback and
 * needs nothing from the npm cache.
 */
export async function startLoopbackRegistry(
  ours: ReadonlyArray<{ manifest: Manifest; tarball: string }>,
  nodeModules: string,
  workDir: string,
  env: NodeJS.ProcessEnv,
): Promise<LoopbackRegistry> {
  const served = new Map<string, ServedPackage>();
  for (const { manifest, tarball } of ours) served.set(manifest.name, describe(manifest, tarball));

  await mkdir(workDir, { recursive: true });
  const pending = [...served.values()].flatMap((pkg) => [
    ...Object.keys(pkg.dependencies),
    ...Object.keys(pkg.peerDependencies),
  ]);
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (served.has(name)) continue;
    const dir = join(nodeModules, name);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
    const { stdout } = await run(
      "npm",
      ["pack", dir, "--json", "--ignore-scripts", "--pack-destination", workDir],
      {
        env,
      },
    );
    const [result] = JSON.parse(stdout) as Array<{ filename: string }>;
    const pkg = describe(manifest, join(workDir, result?.filename ?? ""));
    served.set(name, pkg);
    pending.push(...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies));
  }

  const integrities = new Map<string, string>();
  for (const pkg of served.values()) {
    const digest = createHash("sha512")
      .update(await readFile(pkg.tarball))
      .digest("base64");
    integrities.set(pkg.name, `sha512-${digest}`);
  }

  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://registry").pathname).slice(1);
    if (path.startsWith("-/tarballs/")) {
      const file = [...served.values()].find(
        (pkg) => basename(pkg.tarball) === path.slice("-/tarballs/".length),
      );
      if (!file) return void response.writeHead(404).end();
      response
        .writeHead(200, { "content-type": "application/octet-stream" })
        .end(await readFile(file.tarball));
      return;
    }
    const pkg = served.get(path);
    if (!pkg)
      return void response
        .writeHead(404, { "content-type": "application/json" })
        .end('{"error":"Not found"}');
    const packument = {
      name: pkg.name,
      "dist-tags": { latest: pkg.version },
      versions: {
        [pkg.version]: {
          name: pkg.name,
          version: pkg.version,
          dependencies: pkg.dependencies,
          peerDependencies: pkg.peerDependencies,
          dist: {
            tarball: `${url}/-/tarballs/${encodeURIComponent(basename(pkg.tarball))}`,
            integrity: integrities.get(pkg.name),
          },
        },
      },
    };
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(packument));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    names: [...served.keys()],
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function describe(manifest: Manifest, tarball: string): ServedPackage {
  return {
    name: manifest.name,
    version: manifest.version,
    dependencies: manifest.dependencies ?? {},
    peerDependencies: manifest.peerDependencies ?? {},
    tarball,
  };
}
