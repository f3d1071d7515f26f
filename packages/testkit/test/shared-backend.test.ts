// Runs the suite against one backend shared by every test, as a real cloud account or emulator is, and checks
// afterwards that every name it used carried the prefix and that it left nothing behind.
import type { WriteSecretOptions, WriteSecretResult } from "@dheera-ai/secret-manager";
import { InMemorySecretManager } from "@dheera-ai/secret-manager-memory";
import { describe, expect, it } from "vitest";
import { describeSecretManagerConformance } from "../src/index.js";

class RecordingInMemorySecretManager extends InMemorySecretManager {
  readonly written = new Set<string>();
  override asyncWriteSecret(
    name: string,
    value: string,
    options?: WriteSecretOptions,
  ): Promise<WriteSecretResult> {
    this.written.add(name);
    return super.asyncWriteSecret(name, value, options);
  }
}

const backend = new RecordingInMemorySecretManager({ secretManagerName: "shared_backend" });
let created = 0;

describeSecretManagerConformance({
  name: "SharedBackend",
  create: () => {
    created += 1;
    return backend;
  },
  secretNamePrefix: "ci/testkit-",
});

// Declared after the suite, so vitest runs it once the suite's tests are done.
describe("the suite on a shared backend", () => {
  it("asks for a manager per test, names every secret under the prefix, and purges what it wrote", async () => {
    expect(created).toBeGreaterThan(50);
    expect(backend.written.size).toBeGreaterThan(50);
    // The empty name is the invalid-name test, refused before it reaches the backend.
    const names = [...backend.written].filter((name) => name !== "");
    const outside = names.filter((name) => !/^ci\/testkit-[0-9a-f]{8}-\d+-/.test(name));
    expect(outside).toEqual([]);
    // Purged, not merely deleted: nothing is left to restore either.
    const left: string[] = [];
    for (const name of names) {
      const restorable = (await backend.asyncRestoreSecret(name)).restored;
      if (restorable || backend.syncReadSecret(name) !== undefined) left.push(name);
    }
    expect(left).toEqual([]);
  });
});
